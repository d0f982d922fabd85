del +a
