f(élève=1, élève=2)
