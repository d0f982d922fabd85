try:
   pass
except TypeError as obj.attr:
   pass
