class A[**P = [(yield), int]]: pass
