print("Hello")
