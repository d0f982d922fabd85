# sys.excepthook replacement is called for uncaught exceptions; exit status stays 1.
import sys
def hook(exc_type, exc, tb):
    print("custom hook:", exc_type.__name__, exc, "lines:", tb.tb_lineno if tb else None)
sys.excepthook = hook
print(sys.__excepthook__ is not hook)
raise LookupError("handled by hook")
