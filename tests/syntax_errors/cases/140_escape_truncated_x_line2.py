a = 1
s = 'ok' + '\xZZ'
