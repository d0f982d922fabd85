# Uncaught NameError with a suggestion, raised inside a function call chain.
def helper():
    values = [1, 2, 3]
    return sum(valeus)
def main():
    return helper()
main()
