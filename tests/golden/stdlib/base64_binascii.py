# base64 and binascii encodings: b64/urlsafe/b32/b16/a85/b85, hexlify, crc32.
import base64, binascii
data = b"hello world\x00\xff\xfe"
for fn in ["b64encode", "urlsafe_b64encode", "b32encode", "b16encode", "a85encode", "b85encode", "b32hexencode"]:
    enc = getattr(base64, fn)(data)
    dec = getattr(base64, fn.replace("encode", "decode"))(enc)
    print(fn, enc, dec == data)
print(base64.b64decode("aGk="), base64.b64decode(b"aGk"+b"="), base64.standard_b64encode(b"?>"))
try:
    base64.b64decode("abc", validate=True)
except binascii.Error as e:
    print("binascii.Error:", e)
print(binascii.hexlify(b"\x01\xab"), binascii.unhexlify("01ab"), binascii.hexlify(b"abc", "-"), binascii.crc32(b"hello"), binascii.crc_hqx(b"hello", 0))
print(base64.encodebytes(b"x" * 60))
