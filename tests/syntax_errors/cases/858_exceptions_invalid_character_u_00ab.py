a = « hello » « world »
