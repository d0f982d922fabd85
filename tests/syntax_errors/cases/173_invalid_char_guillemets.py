a = « hello »
