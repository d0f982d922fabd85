//! `termios`: POSIX terminal control (`tcgetattr`, `tcsetattr`, `tcsendbreak`, `tcdrain`,
//! `tcflush`, `tcflow`, `tcgetwinsize`, `tcsetwinsize`), as CPython's `Modules/termios.c`;
//! `tty`, `getpass` and `pty` are built on it.
//!
//! Errors are `termios.error(errno, strerror)`. Calls that can wait on the terminal
//! (`tcsetattr` with TCSADRAIN, `tcdrain`, `tcsendbreak`) run detached.

use crate::posix::{last_errno, req, strerror, Args};
use crate::select::fileno_of;
use std::sync::OnceLock;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::{new_bytes, PyBytes};
use vm::objects::list::PyList;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_termios);

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("tcgetattr", tcgetattr),
    ("tcsetattr", tcsetattr),
    ("tcsendbreak", tcsendbreak),
    ("tcdrain", tcdrain),
    ("tcflush", tcflush),
    ("tcflow", tcflow),
    ("tcgetwinsize", tcgetwinsize),
    ("tcsetwinsize", tcsetwinsize),
];

/// The module's constants with Linux x86-64's values: CPython 3.14's names; the `B*` speeds
/// are the glibc codes `cfgetispeed` returns here (glibc before 2.42 encodes them; CPython
/// builds on 2.42+ show the plain baud rates, and have four speeds glibc 2.36 lacks).
const CONSTANTS: &[(&str, i64)] = &[
    ("B0", 0),
    ("B1000000", 0x1008),
    ("B110", 3),
    ("B115200", 0x1002),
    ("B1152000", 0x1009),
    ("B1200", 9),
    ("B134", 4),
    ("B150", 5),
    ("B1500000", 0x100a),
    ("B1800", 10),
    ("B19200", 14),
    ("B200", 6),
    ("B2000000", 0x100b),
    ("B230400", 0x1003),
    ("B2400", 11),
    ("B2500000", 0x100c),
    ("B300", 7),
    ("B3000000", 0x100d),
    ("B3500000", 0x100e),
    ("B38400", 15),
    ("B4000000", 0x100f),
    ("B460800", 0x1004),
    ("B4800", 12),
    ("B50", 1),
    ("B500000", 0x1005),
    ("B57600", 0x1001),
    ("B576000", 0x1006),
    ("B600", 8),
    ("B75", 2),
    ("B921600", 0x1007),
    ("B9600", 13),
    ("BRKINT", 2),
    ("BS0", 0),
    ("BS1", 0x2000),
    ("BSDLY", 0x2000),
    ("CBAUD", 0x100f),
    ("CBAUDEX", 0x1000),
    ("CDSUSP", 25),
    ("CEOF", 4),
    ("CEOL", 0),
    ("CEOT", 4),
    ("CERASE", 127),
    ("CFLUSH", 15),
    ("CIBAUD", 0x100f0000),
    ("CINTR", 3),
    ("CKILL", 21),
    ("CLNEXT", 22),
    ("CLOCAL", 0x800),
    ("CQUIT", 28),
    ("CR0", 0),
    ("CR1", 0x200),
    ("CR2", 0x400),
    ("CR3", 0x600),
    ("CRDLY", 0x600),
    ("CREAD", 128),
    ("CRPRNT", 18),
    ("CRTSCTS", 0x80000000),
    ("CS5", 0),
    ("CS6", 16),
    ("CS7", 32),
    ("CS8", 48),
    ("CSIZE", 48),
    ("CSTART", 17),
    ("CSTOP", 19),
    ("CSTOPB", 64),
    ("CSUSP", 26),
    ("CWERASE", 23),
    ("ECHO", 8),
    ("ECHOCTL", 0x200),
    ("ECHOE", 16),
    ("ECHOK", 32),
    ("ECHOKE", 0x800),
    ("ECHONL", 64),
    ("ECHOPRT", 0x400),
    ("EXTA", 14),
    ("EXTB", 15),
    ("EXTPROC", 0x10000),
    ("FF0", 0),
    ("FF1", 0x8000),
    ("FFDLY", 0x8000),
    ("FIOASYNC", 0x5452),
    ("FIOCLEX", 0x5451),
    ("FIONBIO", 0x5421),
    ("FIONCLEX", 0x5450),
    ("FIONREAD", 0x541b),
    ("FLUSHO", 0x1000),
    ("HUPCL", 0x400),
    ("IBSHIFT", 16),
    ("ICANON", 2),
    ("ICRNL", 0x100),
    ("IEXTEN", 0x8000),
    ("IGNBRK", 1),
    ("IGNCR", 128),
    ("IGNPAR", 4),
    ("IMAXBEL", 0x2000),
    ("INLCR", 64),
    ("INPCK", 16),
    ("IOCSIZE_MASK", 0x3fff0000),
    ("IOCSIZE_SHIFT", 16),
    ("ISIG", 1),
    ("ISTRIP", 32),
    ("IUCLC", 0x200),
    ("IUTF8", 0x4000),
    ("IXANY", 0x800),
    ("IXOFF", 0x1000),
    ("IXON", 0x400),
    ("NCCS", 32),
    ("NL0", 0),
    ("NL1", 0x100),
    ("NLDLY", 0x100),
    ("NOFLSH", 128),
    ("N_MOUSE", 2),
    ("N_PPP", 3),
    ("N_SLIP", 1),
    ("N_STRIP", 4),
    ("N_TTY", 0),
    ("OCRNL", 8),
    ("OFDEL", 128),
    ("OFILL", 64),
    ("OLCUC", 2),
    ("ONLCR", 4),
    ("ONLRET", 32),
    ("ONOCR", 16),
    ("OPOST", 1),
    ("PARENB", 0x100),
    ("PARMRK", 8),
    ("PARODD", 0x200),
    ("PENDIN", 0x4000),
    ("TAB0", 0),
    ("TAB1", 0x800),
    ("TAB2", 0x1000),
    ("TAB3", 0x1800),
    ("TABDLY", 0x1800),
    ("TCFLSH", 0x540b),
    ("TCGETS", 0x5401),
    ("TCIFLUSH", 0),
    ("TCIOFF", 2),
    ("TCIOFLUSH", 2),
    ("TCION", 3),
    ("TCOFLUSH", 1),
    ("TCOOFF", 0),
    ("TCOON", 1),
    ("TCSADRAIN", 1),
    ("TCSAFLUSH", 2),
    ("TCSANOW", 0),
    ("TCSBRK", 0x5409),
    ("TCSBRKP", 0x5425),
    ("TCSETS", 0x5402),
    ("TCSETSF", 0x5404),
    ("TCSETSW", 0x5403),
    ("TCXONC", 0x540a),
    ("TIOCCONS", 0x541d),
    ("TIOCEXCL", 0x540c),
    ("TIOCGETD", 0x5424),
    ("TIOCGICOUNT", 0x545d),
    ("TIOCGLCKTRMIOS", 0x5456),
    ("TIOCGPGRP", 0x540f),
    ("TIOCGSERIAL", 0x541e),
    ("TIOCGSOFTCAR", 0x5419),
    ("TIOCGWINSZ", 0x5413),
    ("TIOCINQ", 0x541b),
    ("TIOCLINUX", 0x541c),
    ("TIOCMBIC", 0x5417),
    ("TIOCMBIS", 0x5416),
    ("TIOCMGET", 0x5415),
    ("TIOCMIWAIT", 0x545c),
    ("TIOCMSET", 0x5418),
    ("TIOCM_CAR", 64),
    ("TIOCM_CD", 64),
    ("TIOCM_CTS", 32),
    ("TIOCM_DSR", 0x100),
    ("TIOCM_DTR", 2),
    ("TIOCM_LE", 1),
    ("TIOCM_RI", 128),
    ("TIOCM_RNG", 128),
    ("TIOCM_RTS", 4),
    ("TIOCM_SR", 16),
    ("TIOCM_ST", 8),
    ("TIOCNOTTY", 0x5422),
    ("TIOCNXCL", 0x540d),
    ("TIOCOUTQ", 0x5411),
    ("TIOCPKT", 0x5420),
    ("TIOCPKT_DATA", 0),
    ("TIOCPKT_DOSTOP", 32),
    ("TIOCPKT_FLUSHREAD", 1),
    ("TIOCPKT_FLUSHWRITE", 2),
    ("TIOCPKT_NOSTOP", 16),
    ("TIOCPKT_START", 8),
    ("TIOCPKT_STOP", 4),
    ("TIOCSCTTY", 0x540e),
    ("TIOCSERCONFIG", 0x5453),
    ("TIOCSERGETLSR", 0x5459),
    ("TIOCSERGETMULTI", 0x545a),
    ("TIOCSERGSTRUCT", 0x5458),
    ("TIOCSERGWILD", 0x5454),
    ("TIOCSERSETMULTI", 0x545b),
    ("TIOCSERSWILD", 0x5455),
    ("TIOCSER_TEMT", 1),
    ("TIOCSETD", 0x5423),
    ("TIOCSLCKTRMIOS", 0x5457),
    ("TIOCSPGRP", 0x5410),
    ("TIOCSSERIAL", 0x541f),
    ("TIOCSSOFTCAR", 0x541a),
    ("TIOCSTI", 0x5412),
    ("TIOCSWINSZ", 0x5414),
    ("TOSTOP", 0x100),
    ("VDISCARD", 13),
    ("VEOF", 4),
    ("VEOL", 11),
    ("VEOL2", 16),
    ("VERASE", 2),
    ("VINTR", 0),
    ("VKILL", 3),
    ("VLNEXT", 15),
    ("VMIN", 6),
    ("VQUIT", 1),
    ("VREPRINT", 12),
    ("VSTART", 8),
    ("VSTOP", 9),
    ("VSUSP", 10),
    ("VSWTC", 7),
    ("VSWTCH", 7),
    ("VT0", 0),
    ("VT1", 0x4000),
    ("VTDLY", 0x4000),
    ("VTIME", 5),
    ("VWERASE", 14),
    ("XCASE", 4),
    ("XTABS", 0x1800),
    ("_POSIX_VDISABLE", 0),
];

/// `termios.error`, made once (a re-import gets the same class).
static ERROR: OnceLock<Value> = OnceLock::new();

fn error_class(ts: &ThreadState) -> PyResult<Value> {
    if let Some(e) = ERROR.get() {
        return Ok(e.clone());
    }
    let ns = ts.new_dict();
    protocols::set_item(ts, &ns, &ts.new_str("__module__"), ts.new_str("termios"))?;
    let bases = ts.new_tuple(vec![types().exc.exception.to_value()]);
    let args = [ts.new_str("error"), bases, ns];
    let cls = protocols::call(ts, &types().type_.to_value(), &args, None)?;
    Ok(ERROR.get_or_init(|| cls).clone())
}

/// `termios.error(errno, strerror)` for the last OS error.
fn last_error(ts: &ThreadState) -> PyErr {
    let n = last_errno();
    let args = [ts.new_int(n as i64), ts.new_str(&strerror(n))];
    match error_class(ts).and_then(|c| protocols::call(ts, &c, &args, None)) {
        Ok(e) => PyErr::from_instance(e),
        Err(e) => e,
    }
}

fn init_termios(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "termios", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    dd.set_str(ts, "error", error_class(ts)?);
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    Ok(m)
}

fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    let i = protocols::index_i64(ts, v)?;
    i32::try_from(i).map_err(|_| ts.overflow_error("Python int too large to convert to C int"))
}

/// The terminal's attributes, or termios.error.
fn get(ts: &ThreadState, fd: i32) -> PyResult<libc::termios> {
    // SAFETY: all-zero is a valid termios.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid out-parameter.
    if unsafe { libc::tcgetattr(fd, &mut t) } == -1 {
        return Err(last_error(ts));
    }
    Ok(t)
}

fn tcgetattr(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "termios.tcgetattr", &[""], 1)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let t = get(ts, fd)?;
    // SAFETY: reading the speeds of a filled termios.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&t), libc::cfgetospeed(&t)) };
    let canonical = t.c_lflag & libc::ICANON != 0;
    let cc: Vec<Value> = t
        .c_cc
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            // Outside canonical mode VMIN and VTIME are counts, not characters.
            if !canonical && (i == libc::VMIN || i == libc::VTIME) {
                ts.new_int(c as i64)
            } else {
                new_bytes(ts, vec![c])
            }
        })
        .collect();
    Ok(ts.new_list(vec![
        ts.new_int(t.c_iflag as i64),
        ts.new_int(t.c_oflag as i64),
        ts.new_int(t.c_cflag as i64),
        ts.new_int(t.c_lflag as i64),
        ts.new_int(ispeed as i64),
        ts.new_int(ospeed as i64),
        ts.new_list(cc),
    ]))
}

fn list_items(ts: &ThreadState, v: &Value) -> Option<Vec<Value>> {
    v.downcast::<PyList>().map(|l| l.to_vec(ts))
}

fn flag(ts: &ThreadState, v: &Value) -> PyResult<libc::tcflag_t> {
    let i = protocols::index_i64(ts, v)?;
    // Flags are C ints in CPython (`PyLong_AsLong` then a cast): keep the low bits.
    Ok(i as libc::tcflag_t)
}

fn tcsetattr(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, when, attrs] = a.parse::<3>(ts, "tcsetattr", &["", "", ""], 3)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let when = c_int(ts, &req(&when))?;
    let attrs = req(&attrs);
    let items = match list_items(ts, &attrs) {
        Some(v) if v.len() == 7 => v,
        _ => return Err(ts.type_error("tcsetattr, arg 3: must be 7 element list")),
    };
    let mut t = get(ts, fd)?;
    t.c_iflag = flag(ts, &items[0])?;
    t.c_oflag = flag(ts, &items[1])?;
    t.c_cflag = flag(ts, &items[2])?;
    t.c_lflag = flag(ts, &items[3])?;
    let ispeed = protocols::index_i64(ts, &items[4])? as libc::speed_t;
    let ospeed = protocols::index_i64(ts, &items[5])? as libc::speed_t;
    let cc = match list_items(ts, &items[6]) {
        Some(v) if v.len() == libc::NCCS => v,
        _ => {
            return Err(ts.type_error(format!(
                "tcsetattr: attributes[6] must be {} element list",
                libc::NCCS
            )))
        }
    };
    for (slot, v) in t.c_cc.iter_mut().zip(&cc) {
        *slot = match v.downcast::<PyBytes>() {
            Some(b) if b.data.len() == 1 => b.data[0],
            None if vm::objects::int::as_int(v).is_some() => {
                protocols::index_i64(ts, v)? as libc::cc_t
            }
            _ => return Err(ts.type_error(
                "tcsetattr: elements of attributes must be bytes objects of length 1 or integers",
            )),
        };
    }
    // SAFETY: `t` is a valid termios.
    if unsafe { libc::cfsetispeed(&mut t, ispeed) } == -1 {
        return Err(last_error(ts));
    }
    // SAFETY: as above.
    if unsafe { libc::cfsetospeed(&mut t, ospeed) } == -1 {
        return Err(last_error(ts));
    }
    // SAFETY: `t` is a valid termios; TCSADRAIN may wait for output, so detach.
    if ts.detached(|| unsafe { libc::tcsetattr(fd, when, &t) }) == -1 {
        return Err(last_error(ts));
    }
    Ok(none())
}

/// Runs a `tc*(fd, int)` call, detached (drain and break wait on the line).
fn fd_int_call(
    ts: &ThreadState,
    a: Args<'_>,
    name: &str,
    f: fn(i32, i32) -> i32,
) -> PyResult<Value> {
    let [fd, arg] = a.parse::<2>(ts, name, &["", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let arg = c_int(ts, &req(&arg))?;
    if ts.detached(|| f(fd, arg)) == -1 {
        return Err(last_error(ts));
    }
    Ok(none())
}

fn tcsendbreak(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    // SAFETY: tcsendbreak takes plain ints.
    fd_int_call(ts, a, "tcsendbreak", |fd, d| unsafe {
        libc::tcsendbreak(fd, d)
    })
}

fn tcflush(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    // SAFETY: tcflush takes plain ints.
    fd_int_call(ts, a, "tcflush", |fd, q| unsafe { libc::tcflush(fd, q) })
}

fn tcflow(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    // SAFETY: tcflow takes plain ints.
    fd_int_call(ts, a, "tcflow", |fd, act| unsafe { libc::tcflow(fd, act) })
}

fn tcdrain(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "termios.tcdrain", &[""], 1)?;
    let fd = fileno_of(ts, &req(&fd))?;
    // SAFETY: tcdrain takes a plain fd; it waits for output, so detach.
    if ts.detached(|| unsafe { libc::tcdrain(fd) }) == -1 {
        return Err(last_error(ts));
    }
    Ok(none())
}

fn tcgetwinsize(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "termios.tcgetwinsize", &[""], 1)?;
    let fd = fileno_of(ts, &req(&fd))?;
    // SAFETY: all-zero is a valid winsize.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize into `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } == -1 {
        return Err(last_error(ts));
    }
    Ok(ts.new_tuple(vec![
        ts.new_int(w.ws_row as i64),
        ts.new_int(w.ws_col as i64),
    ]))
}

fn tcsetwinsize(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, size] = a.parse::<2>(ts, "tcsetwinsize", &["", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let size = req(&size);
    let two = || ts.type_error("tcsetwinsize, arg 2: must be a two-item sequence");
    let is_seq = size.class().slots.getitem.is_set()
        && size.class().slots.len.is_set()
        && !size.class().is_subtype(types().dict);
    if !is_seq || protocols::len(ts, &size)? != 2 {
        return Err(two());
    }
    let rows = protocols::get_item(ts, &size, &ts.new_int(0))?;
    let cols = protocols::get_item(ts, &size, &ts.new_int(1))?;
    let rows = protocols::index_i64(ts, &rows)?;
    let cols = protocols::index_i64(ts, &cols)?;
    // SAFETY: all-zero is a valid winsize.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize; keeping the pixel sizes as CPython does.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } == -1 {
        return Err(last_error(ts));
    }
    w.ws_row =
        u16::try_from(rows).map_err(|_| ts.overflow_error("winsize value(s) out of range."))?;
    w.ws_col =
        u16::try_from(cols).map_err(|_| ts.overflow_error("winsize value(s) out of range."))?;
    // SAFETY: TIOCSWINSZ reads one winsize from `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &w) } == -1 {
        return Err(last_error(ts));
    }
    Ok(none())
}
