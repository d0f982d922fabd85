print("order.first executing")
TAG = "first"
