@dec
import os
