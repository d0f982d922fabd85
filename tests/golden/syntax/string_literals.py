# String literals: quotes, escapes, raw, concatenation, triple quotes.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'tab\there', 'nl\\n')
print(r'raw\n\t', R"raw\\", rb'\x00' if False else r'\x00')
print("\x41\u00e9\U0001F600\N{GREEK SMALL LETTER ALPHA}\101")
print('adjacent' " concat" '''enation''')
s = """line1
line2\
 continued"""
print(s)
print(repr('\0\a\b\f\v\r'))
print(len("\N{SNOWMAN}"), ord("\N{SNOWMAN}"))
print(repr("'"), repr('"'), repr("'\""), repr("\\"))
print(repr("é\u200b\x7f\x80\xff"))
print('a' 'b' == 'ab')
