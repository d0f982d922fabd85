# _signal (handlers run after raise_signal and during sleep), errno, stat, pwd, _locale.
import _signal as signal, errno, stat, pwd, _locale, time
got = []
print(signal.signal(signal.SIGUSR1, lambda s, f: got.append(s)))
signal.raise_signal(signal.SIGUSR1)
print(got, signal.getsignal(signal.SIGINT) is signal.default_int_handler)
signal.signal(signal.SIGALRM, lambda s, f: got.append(("alarm", s)))
signal.setitimer(signal.ITIMER_REAL, 0.05)
time.sleep(0.3)
print(got, signal.strsignal(signal.SIGTERM), signal.NSIG, len(signal.valid_signals()))
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) is not None, signal.getsignal(signal.SIGUSR1))
for bad in [lambda: signal.signal(0, signal.SIG_DFL), lambda: signal.signal(2, 7),
            lambda: signal.signal(signal.SIGKILL, signal.SIG_IGN)]:
    try:
        bad()
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("KeyboardInterrupt")
print(errno.ENOENT, errno.errorcode[errno.EAGAIN], errno.EWOULDBLOCK == errno.EAGAIN, len(errno.errorcode))
print(stat.filemode(0o100644), stat.filemode(0o40755), stat.filemode(0o104755), stat.filemode(0o120777))
print(stat.S_ISDIR(0o40000), stat.S_ISLNK(0o120000), stat.S_IFMT(0o100644), stat.S_IMODE(0o104755))
print(pwd.getpwuid(0).pw_name, pwd.getpwnam("root").pw_uid, pwd.struct_passwd.n_fields)
try:
    pwd.getpwnam("no such user here")
except KeyError as e:
    print(repr(e))
print(_locale.getencoding(), _locale.nl_langinfo(_locale.CODESET), _locale.localeconv()["decimal_point"])
try:
    _locale.setlocale(_locale.LC_ALL, "xx_NOPE")
except _locale.Error as e:
    print("locale.Error", e)
