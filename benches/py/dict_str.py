"""dict_str: word counting and report formatting over generated text.

Measures str hashing and dict get/set with str keys, str.split/join/lower,
f-strings, str.format and %-formatting, sorting by key functions, and
dict iteration/comprehensions. Size: number of words of text generated.
"""
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "tu", "ra", "si", "po", "den", "vas",
             "Or", "ix", "Ul", "pe", "qua", "zo"]


def make_text(nwords, seed=12345):
    """A deterministic pseudo-random text: words of 1-3 syllables, lines of 12 words."""
    x = seed
    words = []
    for _ in range(nwords):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        k = 1 + (x >> 16) % 3
        w = ""
        for j in range(k):
            w += SYLLABLES[(x >> (4 * j + 3)) & 15]
        words.append(w)
    lines = [" ".join(words[i:i + 12]) for i in range(0, nwords, 12)]
    return "\n".join(lines)


def count_words(text):
    counts = {}
    for line in text.splitlines():
        for word in line.split():
            w = word.lower()
            counts[w] = counts.get(w, 0) + 1
    return counts


def bigrams(text):
    pairs = {}
    for line in text.split("\n"):
        ws = line.split(" ")
        for a, b in zip(ws, ws[1:]):
            key = a + "|" + b
            if key in pairs:
                pairs[key] += 1
            else:
                pairs[key] = 1
    return pairs


def report(counts, top):
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    out = []
    for rank, (word, n) in enumerate(ranked, 1):
        out.append(f"{rank:3d}. {word:<12}{n:>7}")
        out.append("{:>3}: {}={}".format(rank, word.upper(), n))
        out.append("%-10s %5d %s" % (word[:10], n, word.capitalize()))
    return "\n".join(out)


def main(nwords):
    text = make_text(nwords)
    counts = count_words(text)
    pairs = bigrams(text)
    by_len = {}
    for w, n in counts.items():
        by_len.setdefault(len(w), []).append(n)
    len_totals = {k: sum(v) for k, v in sorted(by_len.items())}
    rep = report(counts, 200)
    initials = {}
    for w in counts:
        initials[w[0]] = initials.get(w[0], "") + w[-1]
    h = 0
    for ch in rep:
        h = (h * 131 + ord(ch)) & 0xFFFFFFFF
    print("dict_str words=%d distinct=%d bigrams=%d lens=%s report=%d/%08x initials=%d"
          % (nwords, len(counts), len(pairs), len_totals, len(rep), h,
             sum(len(v) for v in initials.values())))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_200_000)
