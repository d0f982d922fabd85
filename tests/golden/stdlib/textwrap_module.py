# textwrap: wrap, fill, shorten, dedent, indent, break_long_words, expand tabs.
import textwrap
text = "The quick brown fox jumps over the lazy dog and keeps on running far away."
print(textwrap.wrap(text, width=20))
print(textwrap.fill(text, width=30, initial_indent="> ", subsequent_indent="  "))
print(textwrap.shorten(text, width=30), textwrap.shorten("short", width=30), textwrap.shorten(text, 25, placeholder="..."))
print(repr(textwrap.dedent("""
    indented
      more
    back
""")))
print(textwrap.indent("a\n\nb\n", "+ "), end="")
print(textwrap.indent("a\n\nb", "* ", predicate=lambda l: True))
print(textwrap.wrap("supercalifragilisticexpialidocious", 10), textwrap.wrap("supercalifragilistic", 10, break_long_words=False))
print(textwrap.wrap("a-very-long-hyphenated-word here", 12), textwrap.wrap("", 10), textwrap.wrap("   ", 10))
print(textwrap.TextWrapper(width=15, max_lines=2, placeholder=" [...]").fill(text))
