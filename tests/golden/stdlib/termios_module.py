# termios: attributes of a pseudo-terminal (opened through /dev/ptmx), window size, flushes,
# and termios.error / TypeError messages.
import fcntl
import os
import struct
import termios

def attempt(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__ + ":", e, e.args)

attempt(termios.tcgetattr, 987)
attempt(termios.tcgetattr, "x")
null = os.open(os.devnull, os.O_RDONLY)
attempt(termios.tcgetattr, null)
os.close(null)

m = os.open("/dev/ptmx", os.O_RDWR | os.O_NOCTTY)
fcntl.ioctl(m, 0x40045431,  # TIOCSPTLCK
            struct.pack("i", 0))
n = struct.unpack("i", fcntl.ioctl(m, 0x80045430,  # TIOCGPTN
                                  b"\0" * 4))[0]
s = os.open(f"/dev/pts/{n}", os.O_RDWR | os.O_NOCTTY)
a = termios.tcgetattr(s)
print(len(a), [type(x).__name__ for x in a], len(a[6]), a[6][termios.VINTR])
raw = list(a)
raw[3] &= ~(termios.ICANON | termios.ECHO)
raw[6] = list(a[6])
raw[6][termios.VMIN] = 1
raw[6][termios.VTIME] = 0
attempt(termios.tcsetattr, s, termios.TCSANOW, raw)
b = termios.tcgetattr(s)
print(b[3] & termios.ICANON, b[3] & termios.ECHO, b[6][termios.VMIN], b[6][termios.VTIME])
attempt(termios.tcsetattr, s, termios.TCSADRAIN, a)
print(termios.tcgetattr(s) == a)
attempt(termios.tcsetattr, s, termios.TCSANOW, a[:6])
attempt(termios.tcsetattr, s, termios.TCSANOW, tuple(a))
attempt(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [a[6][:5]])
attempt(termios.tcsetattr, s, termios.TCSANOW, a[:6] + [[1.5] * termios.NCCS])
attempt(termios.tcsetattr, s, 99, a)
attempt(termios.tcsetwinsize, s, (24, 80))
attempt(termios.tcgetwinsize, s)
attempt(termios.tcsetwinsize, s, (24,))
attempt(termios.tcsetwinsize, s, 5)
attempt(termios.tcdrain, s)
attempt(termios.tcflush, s, termios.TCIOFLUSH)
attempt(termios.tcflow, s, termios.TCOON)
attempt(termios.tcflush, s, 99)
attempt(termios.tcgetattr)
os.close(s)
os.close(m)
print(issubclass(termios.error, Exception), termios.error.__module__)
print(termios.TCSANOW, termios.TCSADRAIN, termios.ECHO, termios.ICANON, termios.VMIN, termios.NCCS)
print(termios.TIOCGWINSZ, termios.TIOCSWINSZ, termios.CS8, termios.IXON)
