try:
   pass
except TypeError as obj[1]:
   pass
