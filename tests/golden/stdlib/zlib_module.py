# zlib: one-shot and streaming (de)compression, byte-identical output to CPython's zlib,
# checksums, the stream objects' attributes, and zlib.error messages.
import hashlib
import zlib

data = b"".join(b"line %d of some text, repeated a bit\n" % (i % 97) for i in range(3000))
blob = bytes((i * 7919) % 251 for i in range(40000))

for level in (-1, 0, 1, 6, 9):
    for wbits in (15, -15, 31, 9):
        c = zlib.compress(data, level, wbits)
        assert zlib.decompress(c, wbits) == data
        print(level, wbits, len(c), hashlib.sha1(c).hexdigest()[:16])
print(zlib.compress(b"hello"), zlib.compress(b"", 9), zlib.compress(b"x", wbits=-9))
print(zlib.decompress(zlib.compress(blob, 0), 47) == blob)

co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
parts.append(co.flush(zlib.Z_SYNC_FLUSH))
c2 = co.copy()
parts.append(co.compress(b"tail"))
parts.append(co.flush())
stream = b"".join(parts)
print(len(stream), hashlib.sha1(stream).hexdigest()[:16], c2.flush())

do = zlib.decompressobj(-12)
out = do.decompress(stream, 500)
print(len(out), len(do.unconsumed_tail), do.eof)
while do.unconsumed_tail:
    out += do.decompress(do.unconsumed_tail, 4096)
out += do.flush()
print(out == data + b"tail", do.eof, do.unused_data)

d = zlib.decompressobj()
print(d.decompress(zlib.compress(b"abc") + b"extra"), d.eof, d.unused_data, d.flush(), d.flush())

zd = zlib._ZlibDecompressor()
res = zd.decompress(zlib.compress(data)[:100], 50)
print(len(res), zd.needs_input, zd.eof)
print(len(zd.decompress(zlib.compress(data)[100:] + b"!!")), zd.eof, zd.unused_data)
try:
    zd.decompress(b"more")
except EOFError as e:
    print("EOFError", e)

zdict = b"line of some text, repeated"
c = zlib.compressobj(zdict=zdict)
s = c.compress(b"line 1 of some text") + c.flush()
print(s, zlib.decompressobj(zdict=zdict).decompress(s))

print(zlib.crc32(b"hello"), zlib.crc32(b"hello", 1), zlib.crc32(data), zlib.crc32(b"x", -1))
print(zlib.adler32(b"hello"), zlib.adler32(b"hello", 0), zlib.adler32(blob))

def attempt(f, *a, **k):
    try:
        print(repr(f(*a, **k))[:60])
    except Exception as e:
        print(type(e).__name__ + ":", e)

attempt(zlib.decompress, b"not zlib data")
attempt(zlib.decompress, zlib.compress(data)[:-10])
attempt(zlib.decompress, zlib.compress(b"abc"), 40)
attempt(zlib.compress, b"x", 12)
attempt(zlib.compressobj, 1, zlib.DEFLATED, 0)
attempt(zlib.decompressobj, 1)
attempt(zlib.decompress, b"", 15, -1)
attempt(zlib.compress, "text")
attempt(zlib.decompressobj().decompress, b"", -1)
attempt(zlib.decompressobj().flush, 0)
attempt(zlib.decompress, zlib.compressobj(zdict=b"abc").compress(b"abc") + b"")
done = zlib.compressobj()
done.flush()
attempt(done.flush)
attempt(done.copy)
print(issubclass(zlib.error, Exception), zlib.error.__module__)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_FINISH,
      zlib.Z_SYNC_FLUSH, zlib.Z_BEST_COMPRESSION, zlib.Z_RLE, zlib.Z_BLOCK)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__)
