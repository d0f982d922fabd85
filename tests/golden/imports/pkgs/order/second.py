print("order.second executing, parent loaded:", __import__("sys").modules.get("pkgs.order") is not None)
from .first import TAG
SECOND = TAG + "+second"
