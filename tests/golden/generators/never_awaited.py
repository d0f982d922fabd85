# A coroutine that is never awaited triggers a RuntimeWarning on stderr when destroyed.
async def fetch():
    return 1
def main():
    fetch()
    print("called without await")
main()
print("end")
