# Helper packages for the imports/ golden programs (not programs themselves).
