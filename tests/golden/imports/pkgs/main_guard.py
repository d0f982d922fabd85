def run():
    return f"run() in {__name__}"
if __name__ == "__main__":
    print("this guard must not run on import")
