ä = '''thîs is 
a 
test