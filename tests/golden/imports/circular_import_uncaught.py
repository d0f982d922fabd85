# The uncaught circular-import error: traceback through both modules and the partially initialized message.
import pkgs.circ.a
