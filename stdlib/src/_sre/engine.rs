//! The matcher: runs the code list that `re._compiler` produces against a subject string.
//!
//! It follows the semantics of CPython's `Modules/_sre/sre_lib.h` (`SRE(match)`,
//! `SRE(count)`, `SRE(charset)`, `SRE(at)`), opcode by opcode, but backtracks with an
//! explicit stack of [`Frame`]s on the heap instead of C recursion, so deep patterns and long
//! subjects never overflow the native stack. A "call" (CPython's `DO_JUMP`) pushes a frame and
//! records in the caller how to resume; a return pops it and runs that resume step.
//!
//! Not here: the Python objects (see `mod.rs` and `prelude.py`).

use super::constants::*;
use vm::unicode;

/// A subject string: code points (str) or bytes, indexed in O(1).
pub trait Subject {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> u32;
}

impl Subject for &vm::objects::str::PyStr {
    #[inline]
    fn len(&self) -> usize {
        vm::objects::str::PyStr::len(self)
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self.char_at(i)
    }
}

impl Subject for &[u8] {
    #[inline]
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self[i] as u32
    }
}

/// Why the engine stopped without an answer.
#[derive(Debug)]
pub enum SreError {
    /// The code list is malformed (not produced by `re._compiler`).
    BadCode,
}

type R<T> = Result<T, SreError>;

/// The result of a successful match: span and capture marks (`-1` = unset).
pub struct MatchResult {
    pub start: usize,
    pub end: usize,
    pub marks: Vec<isize>,
    pub lastindex: isize,
}

/// How a frame's caller resumes when the frame returns (CPython's `JUMP_*`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Resume {
    Branch,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    PossRepeat1,
    PossRepeat2,
    Atomic,
    Assert,
    AssertNot,
}

struct Frame {
    resume: Option<Resume>,
    /// Index of the current opcode's first operand.
    pc: usize,
    ptr: usize,
    count: isize,
    /// BRANCH: the current alternative (its skip word).
    alt: usize,
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    /// MARK_PUSH: marks `0..=lastmark` saved.
    saved_marks: Option<Vec<isize>>,
    /// DATA_PUSH of the repeat's `last_ptr`.
    saved_last_ptr: isize,
    /// REPEAT / UNTIL: index of the repeat context.
    rep: usize,
}

struct RepeatCtx {
    count: isize,
    /// Index of the REPEAT's first operand (skip).
    pattern: usize,
    last_ptr: isize,
    prev: Option<usize>,
}

enum Step {
    /// Push a child frame at `pc` (toplevel flag), resuming the caller with `Resume`.
    Call(Resume, usize, bool),
    Enter,
    Dispatch,
    Return(bool),
}

/// One match attempt's state (CPython's `SRE_STATE`).
pub struct State<'c, S: Subject> {
    code: &'c [u32],
    s: S,
    /// `pos` and `endpos`, clamped.
    start: usize,
    end: usize,
    ptr: usize,
    marks: Vec<isize>,
    lastmark: isize,
    lastindex: isize,
    repeats: Vec<RepeatCtx>,
    repeat: Option<usize>,
    match_all: bool,
    must_advance: bool,
}

#[inline]
fn ascii_lower(ch: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}
#[inline]
fn ascii_upper(ch: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}
/// Simple (one code point) lowercase, as `_PyUnicode_ToLowercase`.
pub fn uni_lower(ch: u32) -> u32 {
    if ch < 128 {
        return ascii_lower(ch);
    }
    unicode::lower_full(ch)
        .as_slice()
        .first()
        .copied()
        .unwrap_or(ch)
}
/// Simple (one code point) uppercase, as `_PyUnicode_ToUppercase`.
pub fn uni_upper(ch: u32) -> u32 {
    if ch < 128 {
        return ascii_upper(ch);
    }
    unicode::upper_full(ch)
        .as_slice()
        .first()
        .copied()
        .unwrap_or(ch)
}
/// The "C" locale's `tolower` on bytes (Ladon has no other locale yet).
#[inline]
fn loc_lower(ch: u32) -> u32 {
    if ch < 256 {
        ascii_lower(ch)
    } else {
        ch
    }
}
#[inline]
fn loc_upper(ch: u32) -> u32 {
    if ch < 256 {
        ascii_upper(ch)
    } else {
        ch
    }
}

#[inline]
fn is_ascii_word(ch: u32) -> bool {
    ch < 128 && ((ch as u8).is_ascii_alphanumeric() || ch == b'_' as u32)
}
#[inline]
fn is_uni_word(ch: u32) -> bool {
    ch == b'_' as u32 || unicode::is_alnum(ch)
}

fn category(cat: u32, ch: u32) -> bool {
    match cat {
        CATEGORY_DIGIT => ch < 128 && (ch as u8).is_ascii_digit(),
        CATEGORY_NOT_DIGIT => !(ch < 128 && (ch as u8).is_ascii_digit()),
        CATEGORY_SPACE => matches!(ch, 9..=13 | 32),
        CATEGORY_NOT_SPACE => !matches!(ch, 9..=13 | 32),
        CATEGORY_WORD | CATEGORY_LOC_WORD => is_ascii_word(ch),
        CATEGORY_NOT_WORD | CATEGORY_LOC_NOT_WORD => !is_ascii_word(ch),
        CATEGORY_LINEBREAK => ch == 10,
        CATEGORY_NOT_LINEBREAK => ch != 10,
        CATEGORY_UNI_DIGIT => unicode::is_decimal(ch),
        CATEGORY_UNI_NOT_DIGIT => !unicode::is_decimal(ch),
        CATEGORY_UNI_SPACE => unicode::is_space(ch),
        CATEGORY_UNI_NOT_SPACE => !unicode::is_space(ch),
        CATEGORY_UNI_WORD => is_uni_word(ch),
        CATEGORY_UNI_NOT_WORD => !is_uni_word(ch),
        CATEGORY_UNI_LINEBREAK => unicode::is_linebreak(ch),
        CATEGORY_UNI_NOT_LINEBREAK => !unicode::is_linebreak(ch),
        _ => false,
    }
}

impl<'c, S: Subject> State<'c, S> {
    pub fn new(code: &'c [u32], s: S, pos: usize, endpos: usize) -> Self {
        let len = s.len();
        let end = endpos.min(len);
        let start = pos.min(len);
        State {
            code,
            s,
            start,
            end,
            ptr: start,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            repeats: Vec::new(),
            repeat: None,
            match_all: false,
            must_advance: false,
        }
    }

    /// Moves the next search's start (for scanning loops).
    pub fn set_pos(&mut self, pos: usize) {
        self.start = pos;
    }

    pub fn endpos(&self) -> usize {
        self.end
    }

    #[inline]
    fn op(&self, i: usize) -> R<u32> {
        self.code.get(i).copied().ok_or(SreError::BadCode)
    }

    fn reset(&mut self) {
        self.marks.clear();
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeats.clear();
        self.repeat = None;
    }

    fn result(&self, start: usize) -> MatchResult {
        let mut marks = self.marks.clone();
        let keep = (self.lastmark + 1).max(0) as usize;
        marks.truncate(keep);
        MatchResult {
            start,
            end: self.ptr,
            marks,
            lastindex: self.lastindex,
        }
    }

    /// `pattern.match` (or `fullmatch` with `match_all`) at `pos`.
    pub fn do_match(&mut self, match_all: bool, must_advance: bool) -> R<Option<MatchResult>> {
        if self.start > self.end {
            return Ok(None);
        }
        self.reset();
        self.match_all = match_all;
        self.must_advance = must_advance;
        self.ptr = self.start;
        let start = self.start;
        if self.run(0, start)? {
            Ok(Some(self.result(start)))
        } else {
            Ok(None)
        }
    }

    /// `pattern.search` from `pos`.
    pub fn do_search(&mut self, must_advance: bool) -> R<Option<MatchResult>> {
        if self.start > self.end {
            return Ok(None);
        }
        let code = self.code;
        // INFO prefix/charset: cheap first-character filters.
        let mut prefix_first: Option<u32> = None;
        let mut charset_at: Option<usize> = None;
        if code.first() == Some(&INFO) {
            let flags = self.op(2)?;
            if flags & SRE_INFO_PREFIX != 0 {
                let plen = self.op(5)? as usize;
                if plen > 0 {
                    prefix_first = Some(self.op(7)?);
                }
            } else if flags & SRE_INFO_CHARSET != 0 {
                charset_at = Some(5);
            }
        }
        let mut pos = self.start;
        let end = self.end;
        let mut first = true;
        loop {
            let skip = if let Some(c) = prefix_first {
                pos < end && self.s.at(pos) != c
            } else if let Some(cs) = charset_at {
                pos < end && !self.charset(cs, self.s.at(pos))?
            } else {
                false
            };
            if !skip || (first && must_advance) {
                self.reset();
                self.match_all = false;
                self.must_advance = first && must_advance;
                self.start = pos;
                self.ptr = pos;
                let ok = self.run(0, pos)?;
                if ok {
                    return Ok(Some(self.result(pos)));
                }
            }
            first = false;
            if pos >= end {
                return Ok(None);
            }
            pos += 1;
        }
    }

    fn at(&self, ptr: usize, code: u32) -> bool {
        let s = &self.s;
        let (beg, end) = (0usize, self.end);
        let word_boundary = |word: fn(u32) -> bool| -> (bool, bool) {
            let thatp = ptr > beg && word(s.at(ptr - 1));
            let thisp = ptr < end && word(s.at(ptr));
            (thisp, thatp)
        };
        match code {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == beg,
            AT_BEGINNING_LINE => ptr == beg || s.at(ptr - 1) == 10,
            AT_END => ptr == end || (ptr + 1 == end && s.at(ptr) == 10),
            AT_END_LINE => ptr == end || s.at(ptr) == 10,
            AT_END_STRING => ptr == end,
            AT_BOUNDARY | AT_LOC_BOUNDARY => {
                if beg == end {
                    return false;
                }
                let (a, b) = word_boundary(is_ascii_word);
                a != b
            }
            AT_NON_BOUNDARY | AT_LOC_NON_BOUNDARY => {
                if beg == end {
                    return false;
                }
                let (a, b) = word_boundary(is_ascii_word);
                a == b
            }
            AT_UNI_BOUNDARY => {
                if beg == end {
                    return false;
                }
                let (a, b) = word_boundary(is_uni_word);
                a != b
            }
            AT_UNI_NON_BOUNDARY => {
                if beg == end {
                    return false;
                }
                let (a, b) = word_boundary(is_uni_word);
                a == b
            }
            _ => false,
        }
    }

    /// Whether `ch` is in the set starting at `set` (CPython's `SRE(charset)`).
    fn charset(&self, mut set: usize, ch: u32) -> R<bool> {
        let mut ok = true;
        loop {
            match self.op(set)? {
                FAILURE => return Ok(!ok),
                LITERAL => {
                    if ch == self.op(set + 1)? {
                        return Ok(ok);
                    }
                    set += 2;
                }
                CATEGORY => {
                    if category(self.op(set + 1)?, ch) {
                        return Ok(ok);
                    }
                    set += 2;
                }
                CHARSET => {
                    if ch < 256
                        && (self.op(set + 1 + (ch as usize >> 5))? & (1u32 << (ch & 31))) != 0
                    {
                        return Ok(ok);
                    }
                    set += 1 + 8;
                }
                RANGE => {
                    if self.op(set + 1)? <= ch && ch <= self.op(set + 2)? {
                        return Ok(ok);
                    }
                    set += 3;
                }
                RANGE_UNI_IGNORE => {
                    let (lo, hi) = (self.op(set + 1)?, self.op(set + 2)?);
                    if lo <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let u = uni_upper(ch);
                    if lo <= u && u <= hi {
                        return Ok(ok);
                    }
                    set += 3;
                }
                NEGATE => {
                    ok = !ok;
                    set += 1;
                }
                BIGCHARSET => {
                    let count = self.op(set + 1)? as usize;
                    let blocks = set + 2;
                    if ch < 65536 {
                        let k = (ch >> 8) as usize;
                        let word = self.op(blocks + k / 4)?;
                        let block = ((word >> (8 * (k % 4))) & 0xff) as usize;
                        let base = blocks + 64 + block * 8;
                        let bits = self.op(base + ((ch & 255) as usize >> 5))?;
                        if bits & (1u32 << (ch & 31)) != 0 {
                            return Ok(ok);
                        }
                    }
                    set = blocks + 64 + count * 8;
                }
                _ => return Err(SreError::BadCode),
            }
        }
    }

    fn charset_loc_ignore(&self, set: usize, ch: u32) -> R<bool> {
        if self.charset(set, ch)? {
            return Ok(true);
        }
        let lo = loc_lower(ch);
        if self.charset(set, lo)? {
            return Ok(true);
        }
        let up = loc_upper(ch);
        Ok(up != lo && self.charset(set, up)?)
    }

    /// Whether the one-character item at `pc` (an opcode) matches `ch`.
    fn match_one(&self, pc: usize, ch: u32) -> R<bool> {
        let arg = |i: usize| self.op(pc + i);
        Ok(match self.op(pc)? {
            ANY => ch != 10,
            ANY_ALL => true,
            LITERAL => ch == arg(1)?,
            NOT_LITERAL => ch != arg(1)?,
            LITERAL_IGNORE => ascii_lower(ch) == arg(1)?,
            NOT_LITERAL_IGNORE => ascii_lower(ch) != arg(1)?,
            LITERAL_UNI_IGNORE => uni_lower(ch) == arg(1)?,
            NOT_LITERAL_UNI_IGNORE => uni_lower(ch) != arg(1)?,
            LITERAL_LOC_IGNORE => {
                let p = arg(1)?;
                ch == p || loc_lower(ch) == p || loc_upper(ch) == p
            }
            NOT_LITERAL_LOC_IGNORE => {
                let p = arg(1)?;
                !(ch == p || loc_lower(ch) == p || loc_upper(ch) == p)
            }
            CATEGORY => category(arg(1)?, ch),
            IN => self.charset(pc + 2, ch)?,
            IN_IGNORE => self.charset(pc + 2, ascii_lower(ch))?,
            IN_UNI_IGNORE => self.charset(pc + 2, uni_lower(ch))?,
            IN_LOC_IGNORE => self.charset_loc_ignore(pc + 2, ch)?,
            _ => return Err(SreError::BadCode),
        })
    }

    /// How many times (up to `max`) the single-character item at `pc` repeats from `self.ptr`.
    fn count(&self, pc: usize, max: usize) -> R<usize> {
        let ptr = self.ptr;
        let end = self.end.min(ptr.saturating_add(max));
        let mut i = ptr;
        while i < end && self.match_one(pc, self.s.at(i))? {
            i += 1;
        }
        Ok(i - ptr)
    }

    fn set_mark(&mut self, i: usize, v: isize) {
        if self.marks.len() <= i {
            self.marks.resize(i + 1, -1);
        }
        self.marks[i] = v;
    }

    fn mark(&self, i: usize) -> isize {
        self.marks.get(i).copied().unwrap_or(-1)
    }

    fn mark_push(&self, f: &mut Frame) {
        let n = (f.lastmark + 1).max(0) as usize;
        let mut v = self.marks.clone();
        v.resize(n, -1);
        f.saved_marks = Some(v);
    }

    /// MARK_POP_KEEP: restore marks from the frame's copy, keep the copy.
    fn mark_restore(&mut self, f: &Frame) {
        if let Some(v) = &f.saved_marks {
            for (i, m) in v.iter().enumerate() {
                self.set_mark(i, *m);
            }
        }
    }

    fn lastmark_save(&self, f: &mut Frame) {
        f.lastmark = self.lastmark;
        f.lastindex = self.lastindex;
    }

    fn new_frame(&self, pc: usize, toplevel: bool) -> Frame {
        Frame {
            resume: None,
            pc,
            ptr: self.ptr,
            count: 0,
            alt: 0,
            lastmark: -1,
            lastindex: -1,
            toplevel,
            saved_marks: None,
            saved_last_ptr: -1,
            rep: 0,
        }
    }

    /// Runs the code at `pc` from `self.ptr` (CPython's `SRE(match)` with `toplevel`).
    fn run(&mut self, pc: usize, _start: usize) -> R<bool> {
        let mut stack: Vec<Frame> = vec![self.new_frame(pc, true)];
        let mut step = Step::Enter;
        loop {
            step = match step {
                Step::Enter => {
                    let f = stack.last_mut().ok_or(SreError::BadCode)?;
                    f.ptr = self.ptr;
                    if self.code.get(f.pc) == Some(&INFO) {
                        let min = self.code.get(f.pc + 3).copied().unwrap_or(0) as usize;
                        if min != 0 && self.end.saturating_sub(f.ptr) < min {
                            Step::Return(false)
                        } else {
                            f.pc += self.op(f.pc + 1)? as usize + 1;
                            Step::Dispatch
                        }
                    } else {
                        Step::Dispatch
                    }
                }
                Step::Call(how, pc, top) => {
                    if let Some(f) = stack.last_mut() {
                        f.resume = Some(how);
                    }
                    stack.push(self.new_frame(pc, top));
                    Step::Enter
                }
                Step::Dispatch => self.dispatch(&mut stack)?,
                Step::Return(r) => {
                    stack.pop();
                    if stack.is_empty() {
                        return Ok(r);
                    }
                    self.resume(&mut stack, r)?
                }
            };
        }
    }

    /// Asks `run` to push a child frame at `pc`, resuming the caller with `how`.
    fn call(&self, _stack: &mut [Frame], how: Resume, pc: usize, toplevel: bool) -> Step {
        Step::Call(how, pc, toplevel)
    }

    /// Runs opcodes of the top frame until it calls a child or returns.
    fn dispatch(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        let f = &mut stack[n - 1];
        let mut pc = f.pc;
        let mut ptr = f.ptr;
        let end = self.end;
        macro_rules! fail {
            () => {
                return Ok(Step::Return(false))
            };
        }
        loop {
            let op = self.op(pc)?;
            pc += 1;
            match op {
                MARK => {
                    let i = self.op(pc)? as isize;
                    if i & 1 != 0 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        for j in (self.lastmark + 1)..i {
                            self.set_mark(j as usize, -1);
                        }
                        self.lastmark = i;
                    }
                    self.set_mark(i as usize, ptr as isize);
                    pc += 1;
                }
                LITERAL
                | NOT_LITERAL
                | LITERAL_IGNORE
                | NOT_LITERAL_IGNORE
                | LITERAL_UNI_IGNORE
                | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE
                | NOT_LITERAL_LOC_IGNORE
                | CATEGORY => {
                    if ptr >= end || !self.match_one(pc - 1, self.s.at(ptr))? {
                        fail!();
                    }
                    pc += 1;
                    ptr += 1;
                }
                ANY | ANY_ALL => {
                    if ptr >= end || !self.match_one(pc - 1, self.s.at(ptr))? {
                        fail!();
                    }
                    ptr += 1;
                }
                IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                    if ptr >= end || !self.match_one(pc - 1, self.s.at(ptr))? {
                        fail!();
                    }
                    pc += self.op(pc)? as usize;
                    ptr += 1;
                }
                SUCCESS => {
                    if f.toplevel
                        && ((self.match_all && ptr != end)
                            || (self.must_advance && ptr == self.start))
                    {
                        fail!();
                    }
                    self.ptr = ptr;
                    return Ok(Step::Return(true));
                }
                FAILURE => fail!(),
                AT => {
                    if !self.at(ptr, self.op(pc)?) {
                        fail!();
                    }
                    pc += 1;
                }
                JUMP | INFO => {
                    pc += self.op(pc)? as usize;
                }
                BRANCH => {
                    f.pc = pc;
                    f.ptr = ptr;
                    let f = &mut stack[n - 1];
                    self.lastmark_save(f);
                    if self.repeat.is_some() {
                        self.mark_push(f);
                    }
                    f.alt = pc;
                    return self.branch_try(stack);
                }
                REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
                    let min = self.op(pc + 1)? as usize;
                    let max = self.op(pc + 2)? as usize;
                    if min > end.saturating_sub(ptr) {
                        fail!();
                    }
                    self.ptr = ptr;
                    if op == POSSESSIVE_REPEAT_ONE {
                        let c = self.count(pc + 3, max)?;
                        if c < min {
                            fail!();
                        }
                        ptr += c;
                        pc += self.op(pc)? as usize;
                        continue;
                    }
                    if op == REPEAT_ONE {
                        let c = self.count(pc + 3, max)?;
                        if c < min {
                            fail!();
                        }
                        ptr += c;
                        let tail = pc + self.op(pc)? as usize;
                        if self.op(tail)? == SUCCESS
                            && ptr == end
                            && !(f.toplevel && self.must_advance && ptr == self.start)
                        {
                            self.ptr = ptr;
                            return Ok(Step::Return(true));
                        }
                        f.pc = pc;
                        f.ptr = ptr;
                        f.count = c as isize;
                        self.lastmark_save(f);
                        if self.repeat.is_some() {
                            self.mark_push(f);
                        }
                        return self.repeat_one_try(stack);
                    }
                    // MIN_REPEAT_ONE
                    let c = if min == 0 {
                        0
                    } else {
                        let c = self.count(pc + 3, min)?;
                        if c < min {
                            fail!();
                        }
                        c
                    };
                    ptr += c;
                    let tail = pc + self.op(pc)? as usize;
                    if self.op(tail)? == SUCCESS
                        && !(f.toplevel
                            && ((self.match_all && ptr != end)
                                || (self.must_advance && ptr == self.start)))
                    {
                        self.ptr = ptr;
                        return Ok(Step::Return(true));
                    }
                    f.pc = pc;
                    f.ptr = ptr;
                    f.count = c as isize;
                    self.lastmark_save(f);
                    if self.repeat.is_some() {
                        self.mark_push(f);
                    }
                    return self.min_repeat_one_try(stack);
                }
                REPEAT => {
                    let idx = self.repeats.len();
                    self.repeats.push(RepeatCtx {
                        count: -1,
                        pattern: pc,
                        last_ptr: -1,
                        prev: self.repeat,
                    });
                    self.repeat = Some(idx);
                    f.pc = pc;
                    f.ptr = ptr;
                    f.rep = idx;
                    self.ptr = ptr;
                    let target = pc + self.op(pc)? as usize;
                    let top = f.toplevel;
                    return Ok(self.call(stack, Resume::Repeat, target, top));
                }
                MAX_UNTIL | MIN_UNTIL => {
                    let Some(ri) = self.repeat else {
                        return Err(SreError::BadCode);
                    };
                    f.pc = pc;
                    f.ptr = ptr;
                    f.rep = ri;
                    self.ptr = ptr;
                    let count = self.repeats[ri].count + 1;
                    f.count = count;
                    let rp = self.repeats[ri].pattern;
                    let min = self.op(rp + 1)? as isize;
                    let max = self.op(rp + 2)?;
                    let top = f.toplevel;
                    if count < min {
                        self.repeats[ri].count = count;
                        let how = if op == MAX_UNTIL {
                            Resume::MaxUntil1
                        } else {
                            Resume::MinUntil1
                        };
                        return Ok(self.call(stack, how, rp + 3, top));
                    }
                    if op == MAX_UNTIL {
                        if (max == MAXREPEAT || count < max as isize)
                            && ptr as isize != self.repeats[ri].last_ptr
                        {
                            self.repeats[ri].count = count;
                            self.lastmark_save(f);
                            self.mark_push(f);
                            f.saved_last_ptr = self.repeats[ri].last_ptr;
                            self.repeats[ri].last_ptr = ptr as isize;
                            return Ok(self.call(stack, Resume::MaxUntil2, rp + 3, top));
                        }
                        self.repeat = self.repeats[ri].prev;
                        return Ok(self.call(stack, Resume::MaxUntil3, pc, top));
                    }
                    // MIN_UNTIL: try the tail first.
                    self.lastmark_save(f);
                    self.repeat = self.repeats[ri].prev;
                    self.mark_push(f);
                    return Ok(self.call(stack, Resume::MinUntil2, pc, top));
                }
                POSSESSIVE_REPEAT => {
                    f.pc = pc;
                    f.ptr = ptr;
                    f.count = 0;
                    self.ptr = ptr;
                    // A repeat context, so that branches inside save their marks.
                    f.rep = self.repeats.len();
                    self.repeats.push(RepeatCtx {
                        count: -1,
                        pattern: usize::MAX,
                        last_ptr: -1,
                        prev: self.repeat,
                    });
                    self.repeat = Some(f.rep);
                    return self.poss_repeat_try(stack);
                }
                ATOMIC_GROUP => {
                    f.pc = pc;
                    f.ptr = ptr;
                    self.ptr = ptr;
                    return Ok(self.call(stack, Resume::Atomic, pc + 1, false));
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    let g = self.op(pc)? as isize * 2;
                    if g >= self.lastmark {
                        fail!();
                    }
                    let (p, e) = (self.mark(g as usize), self.mark(g as usize + 1));
                    if p < 0 || e < 0 || e < p {
                        fail!();
                    }
                    let fold: fn(u32) -> u32 = match op {
                        GROUPREF => |c| c,
                        GROUPREF_IGNORE => ascii_lower,
                        GROUPREF_UNI_IGNORE => uni_lower,
                        _ => loc_lower,
                    };
                    for k in p as usize..e as usize {
                        if ptr >= end || fold(self.s.at(ptr)) != fold(self.s.at(k)) {
                            fail!();
                        }
                        ptr += 1;
                    }
                    pc += 1;
                }
                GROUPREF_EXISTS => {
                    let g = self.op(pc)? as isize * 2;
                    let ok = g < self.lastmark && {
                        let (p, e) = (self.mark(g as usize), self.mark(g as usize + 1));
                        p >= 0 && e >= 0 && e >= p
                    };
                    if ok {
                        pc += 2;
                    } else {
                        pc += self.op(pc + 1)? as usize;
                    }
                }
                ASSERT | ASSERT_NOT => {
                    let back = self.op(pc + 1)? as usize;
                    f.pc = pc;
                    f.ptr = ptr;
                    if ptr < back {
                        if op == ASSERT {
                            fail!();
                        }
                        pc += self.op(pc)? as usize;
                        continue;
                    }
                    self.ptr = ptr - back;
                    if op == ASSERT {
                        return Ok(self.call(stack, Resume::Assert, pc + 2, false));
                    }
                    self.lastmark_save(f);
                    if self.repeat.is_some() {
                        self.mark_push(f);
                    }
                    return Ok(self.call(stack, Resume::AssertNot, pc + 2, false));
                }
                _ => return Err(SreError::BadCode),
            }
        }
    }

    fn branch_try(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        loop {
            let f = &mut stack[n - 1];
            let alt = f.alt;
            let skip = self.op(alt)? as usize;
            if skip == 0 {
                f.saved_marks = None;
                return Ok(Step::Return(false));
            }
            let ptr = f.ptr;
            let first = self.op(alt + 1)?;
            let reject = (first == LITERAL
                && (ptr >= self.end || self.s.at(ptr) != self.op(alt + 2)?))
                || (first == IN && (ptr >= self.end || !self.charset(alt + 3, self.s.at(ptr))?));
            if reject {
                f.alt += skip;
                continue;
            }
            self.ptr = ptr;
            return Ok(Step::Call(Resume::Branch, alt + 1, f.toplevel));
        }
    }

    fn repeat_one_try(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        let f = &mut stack[n - 1];
        let pc = f.pc;
        let min = self.op(pc + 1)? as isize;
        let tail = pc + self.op(pc)? as usize;
        if self.op(tail)? == LITERAL {
            let chr = self.op(tail + 1)?;
            while f.count >= min && (f.ptr >= self.end || self.s.at(f.ptr) != chr) {
                f.ptr = f.ptr.wrapping_sub(1);
                f.count -= 1;
            }
        }
        if f.count < min {
            f.saved_marks = None;
            return Ok(Step::Return(false));
        }
        self.ptr = f.ptr;
        Ok(Step::Call(Resume::RepeatOne, tail, f.toplevel))
    }

    fn min_repeat_one_try(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        let f = &mut stack[n - 1];
        let max = self.op(f.pc + 2)?;
        if max == MAXREPEAT || f.count <= max as isize {
            self.ptr = f.ptr;
            let tail = f.pc + self.op(f.pc)? as usize;
            return Ok(Step::Call(Resume::MinRepeatOne, tail, f.toplevel));
        }
        f.saved_marks = None;
        Ok(Step::Return(false))
    }

    fn poss_repeat_try(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        let f = &mut stack[n - 1];
        let pc = f.pc;
        let min = self.op(pc + 1)? as isize;
        let max = self.op(pc + 2)?;
        if f.count < min {
            return Ok(Step::Call(Resume::PossRepeat1, pc + 3, false));
        }
        if max == MAXREPEAT || f.count < max as isize {
            self.lastmark_save(f);
            self.mark_push(f);
            f.ptr = self.ptr;
            return Ok(Step::Call(Resume::PossRepeat2, pc + 3, false));
        }
        Ok(Step::Dispatch)
    }

    /// Continues the top frame after its child returned `r`.
    fn resume(&mut self, stack: &mut [Frame], r: bool) -> R<Step> {
        let n = stack.len();
        let how = stack[n - 1].resume.take().ok_or(SreError::BadCode)?;
        let f = &mut stack[n - 1];
        match how {
            Resume::Branch => {
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    let fr = &stack[n - 1];
                    let saved = fr.saved_marks.clone();
                    if let Some(v) = saved {
                        for (i, m) in v.iter().enumerate() {
                            self.set_mark(i, *m);
                        }
                    }
                }
                let f = &mut stack[n - 1];
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                f.alt += self.op(f.alt)? as usize;
                self.branch_try(stack)
            }
            Resume::RepeatOne => {
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    let saved = f.saved_marks.clone();
                    if let Some(v) = saved {
                        for (i, m) in v.iter().enumerate() {
                            self.set_mark(i, *m);
                        }
                    }
                }
                let f = &mut stack[n - 1];
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                f.ptr = f.ptr.wrapping_sub(1);
                f.count -= 1;
                self.repeat_one_try(stack)
            }
            Resume::MinRepeatOne => {
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(true));
                }
                if self.repeat.is_some() {
                    let saved = f.saved_marks.clone();
                    if let Some(v) = saved {
                        for (i, m) in v.iter().enumerate() {
                            self.set_mark(i, *m);
                        }
                    }
                }
                let f = &mut stack[n - 1];
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                self.ptr = f.ptr;
                let pc = f.pc;
                if self.count(pc + 3, 1)? == 0 {
                    stack[n - 1].saved_marks = None;
                    return Ok(Step::Return(false));
                }
                let f = &mut stack[n - 1];
                f.ptr += 1;
                f.count += 1;
                self.min_repeat_one_try(stack)
            }
            Resume::Repeat => {
                let ri = f.rep;
                self.repeat = self.repeats.get(ri).and_then(|r| r.prev);
                self.repeats.truncate(ri);
                Ok(Step::Return(r))
            }
            Resume::MaxUntil1 | Resume::MinUntil1 => {
                if r {
                    return Ok(Step::Return(true));
                }
                self.repeats[f.rep].count = f.count - 1;
                self.ptr = f.ptr;
                Ok(Step::Return(false))
            }
            Resume::MaxUntil2 => {
                let ri = f.rep;
                self.repeats[ri].last_ptr = f.saved_last_ptr;
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(true));
                }
                self.mark_restore(&stack[n - 1]);
                let f = &mut stack[n - 1];
                f.saved_marks = None;
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                self.repeats[ri].count = f.count - 1;
                self.ptr = f.ptr;
                // The tail.
                self.repeat = self.repeats[ri].prev;
                let (pc, top) = (f.pc, f.toplevel);
                Ok(self.call(stack, Resume::MaxUntil3, pc, top))
            }
            Resume::MaxUntil3 => {
                self.repeat = Some(f.rep);
                if r {
                    return Ok(Step::Return(true));
                }
                self.ptr = f.ptr;
                Ok(Step::Return(false))
            }
            Resume::MinUntil2 => {
                let ri = f.rep;
                self.repeat = Some(ri);
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(true));
                }
                self.mark_restore(&stack[n - 1]);
                let f = &mut stack[n - 1];
                f.saved_marks = None;
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                self.ptr = f.ptr;
                let rp = self.repeats[ri].pattern;
                let max = self.op(rp + 2)?;
                if (max != MAXREPEAT && f.count >= max as isize)
                    || f.ptr as isize == self.repeats[ri].last_ptr
                {
                    return Ok(Step::Return(false));
                }
                self.repeats[ri].count = f.count;
                f.saved_last_ptr = self.repeats[ri].last_ptr;
                self.repeats[ri].last_ptr = f.ptr as isize;
                let top = f.toplevel;
                Ok(self.call(stack, Resume::MinUntil3, rp + 3, top))
            }
            Resume::MinUntil3 => {
                let ri = f.rep;
                self.repeats[ri].last_ptr = f.saved_last_ptr;
                if r {
                    return Ok(Step::Return(true));
                }
                self.repeats[ri].count = f.count - 1;
                self.ptr = f.ptr;
                Ok(Step::Return(false))
            }
            Resume::PossRepeat1 => {
                if !r {
                    self.ptr = f.ptr;
                    self.repeat = self.repeats.get(f.rep).and_then(|r| r.prev);
                    self.repeats.truncate(f.rep);
                    return Ok(Step::Return(false));
                }
                f.count += 1;
                self.poss_repeat_after(stack)
            }
            Resume::PossRepeat2 => {
                if r {
                    f.saved_marks = None;
                    if self.ptr == f.ptr {
                        return self.poss_repeat_done(stack);
                    }
                    f.count += 1;
                    return self.poss_repeat_after(stack);
                }
                self.mark_restore(&stack[n - 1]);
                let f = &mut stack[n - 1];
                f.saved_marks = None;
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                self.ptr = f.ptr;
                self.poss_repeat_done(stack)
            }
            Resume::Atomic => {
                if !r {
                    return Ok(Step::Return(false));
                }
                f.ptr = self.ptr;
                f.pc += self.op(f.pc)? as usize;
                Ok(Step::Dispatch)
            }
            Resume::Assert => {
                if !r {
                    return Ok(Step::Return(false));
                }
                f.pc += self.op(f.pc)? as usize;
                Ok(Step::Dispatch)
            }
            Resume::AssertNot => {
                if r {
                    f.saved_marks = None;
                    return Ok(Step::Return(false));
                }
                if self.repeat.is_some() {
                    self.mark_restore(&stack[n - 1]);
                }
                let f = &mut stack[n - 1];
                f.saved_marks = None;
                self.lastmark = f.lastmark;
                self.lastindex = f.lastindex;
                f.pc += self.op(f.pc)? as usize;
                Ok(Step::Dispatch)
            }
        }
    }

    /// POSSESSIVE_REPEAT: after one more iteration matched.
    fn poss_repeat_after(&mut self, stack: &mut [Frame]) -> R<Step> {
        match self.poss_repeat_try(stack)? {
            Step::Dispatch => self.poss_repeat_done(stack),
            s => Ok(s),
        }
    }

    /// POSSESSIVE_REPEAT: no more iterations; go on with the tail.
    fn poss_repeat_done(&mut self, stack: &mut [Frame]) -> R<Step> {
        let n = stack.len();
        let f = &mut stack[n - 1];
        self.repeat = self.repeats.get(f.rep).and_then(|r| r.prev);
        self.repeats.truncate(f.rep);
        let min = self.op(f.pc + 1)? as isize;
        if f.count < min {
            return Ok(Step::Return(false));
        }
        f.ptr = self.ptr;
        // The skip lands on the body's SUCCESS; the tail follows it.
        f.pc += self.op(f.pc)? as usize + 1;
        Ok(Step::Dispatch)
    }
}
