def g(): {(yield x): x for x in ()}
