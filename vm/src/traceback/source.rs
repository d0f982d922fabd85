//! One traceback entry: the `File "...", line N, in name` header, then the source lines of the
//! failing instruction with `~~~^^^` markers. A port of CPython 3.14's
//! `traceback.StackSummary.format_frame_summary` and its helpers (`_should_show_carets`,
//! `_extract_caret_anchors_from_line_segment`, `_display_width`, `textwrap.dedent`), kept
//! close to the Python so the two can be compared line by line. Offsets are in characters
//! unless named `*_byte`.

use crate::thread_state::ThreadState;
use frontend::ast::{Expr, ExprKind, Mod, StmtKind};

/// What a traceback entry shows (CPython's `FrameSummary`).
pub(super) struct FrameSummary {
    pub filename: String,
    pub lineno: Option<i64>,
    pub end_lineno: Option<i64>,
    /// UTF-8 byte columns, as the code's position table has them.
    pub colno: Option<usize>,
    pub end_colno: Option<usize>,
    pub name: String,
}

/// Where the `^` markers change to `~` (CPython's `_Anchors`): line indexes into the
/// segment's lines and character offsets.
struct Anchors {
    left_end_lineno: usize,
    left_end_offset: usize,
    right_start_lineno: usize,
    right_start_offset: usize,
}

type Line = Vec<char>;

fn line_str(l: &[char]) -> String {
    l.iter().collect()
}

/// `linecache.getline(filename, lineno).rstrip()` for every line of the span, joined with
/// newlines plus a final one (`FrameSummary._lines`); `None` without line numbers.
fn original_lines(ts: &ThreadState, fs: &FrameSummary) -> Option<String> {
    let (first, last) = (fs.lineno?, fs.end_lineno?);
    let text = ts.rt.source_text(&fs.filename);
    let all: Vec<&str> = text
        .as_deref()
        .map(|t| t.lines().collect())
        .unwrap_or_default();
    let mut lines = Vec::new();
    // A span past the end of the file only adds empty lines; don't loop over a huge range.
    let last = last.min(first.saturating_add(all.len() as i64 + 1));
    let mut n = first;
    while n <= last {
        let line = usize::try_from(n - 1)
            .ok()
            .and_then(|i| all.get(i))
            .copied()
            .unwrap_or("");
        lines.push(line.trim_end().to_string());
        n += 1;
    }
    Some(lines.join("\n") + "\n")
}

/// `textwrap.dedent`: removes the longest common run of leading spaces and tabs of the
/// non-blank lines; blank lines become empty.
pub(super) fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |l: &str| l.chars().all(char::is_whitespace);
    let non_blank: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.is_empty() && !blank(l))
        .collect();
    let l1 = non_blank.iter().min().copied().unwrap_or("");
    let l2: Vec<char> = non_blank
        .iter()
        .max()
        .copied()
        .unwrap_or("")
        .chars()
        .collect();
    let mut margin = 0;
    for (i, c) in l1.chars().enumerate() {
        margin = i;
        if l2.get(i) != Some(&c) || (c != ' ' && c != '\t') {
            break;
        }
    }
    lines
        .iter()
        .map(|l| {
            if !l.is_empty() && blank(l) {
                String::new()
            } else {
                l.chars().skip(margin).collect()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `textwrap.indent(text, prefix, lambda line: True)`.
pub(super) fn indent_all(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len() + prefix.len() * 4);
    for line in text.split_inclusive('\n') {
        out.push_str(prefix);
        out.push_str(line);
    }
    out
}

/// `_byte_offset_to_character_offset`.
fn byte_to_char_offset(line: &str, offset: usize) -> usize {
    let b = line.as_bytes();
    String::from_utf8_lossy(&b[..offset.min(b.len())])
        .chars()
        .count()
}

/// `_display_width`: wide (W/F) characters count twice.
fn display_width(line: &[char], offset: Option<usize>) -> usize {
    let offset = offset.unwrap_or(line.len());
    if line.iter().all(char::is_ascii) {
        return offset;
    }
    line.iter()
        .take(offset)
        .map(|&c| match crate::unicode::east_asian_width(c as u32) {
            "W" | "F" => 2,
            _ => 1,
        })
        .sum()
}

/// Formats one entry (CPython's `format_frame_summary`, without colours or locals).
pub(super) fn format_frame_summary(ts: &ThreadState, fs: &FrameSummary) -> String {
    let filename = if fs.filename.starts_with("<stdin-") && fs.filename.ends_with('>') {
        "<stdin>"
    } else {
        fs.filename.as_str()
    };
    let lineno = fs.lineno.map_or("None".to_string(), |l| l.to_string());
    let mut row = format!("  File \"{filename}\", line {lineno}, in {}\n", fs.name);
    let Some(lines) = original_lines(ts, fs) else {
        return row;
    };
    let dedented = dedent(&lines);
    if dedented.trim().is_empty() {
        return row;
    }
    let (Some(colno), Some(end_colno), Some(first_no), Some(end_no)) =
        (fs.colno, fs.end_colno, fs.lineno, fs.end_lineno)
    else {
        // Only the first line when there is no column information.
        let first = lines.split('\n').next().unwrap_or("").trim();
        if !first.is_empty() {
            row.push_str("    ");
            row.push_str(first);
        }
        row.push('\n');
        return row;
    };
    let span = usize::try_from(end_no - first_no).unwrap_or(0);
    let original: Vec<&str> = lines.split('\n').collect();
    let first_line = original[0];
    let Some(last_line) = original.get(span) else {
        return row;
    };
    let start_offset = byte_to_char_offset(first_line, colno);
    let end_offset = byte_to_char_offset(last_line, end_colno);
    let all_lines: Vec<Line> = dedented
        .split('\n')
        .take(span + 1)
        .map(|l| l.chars().collect())
        .collect();
    if all_lines.is_empty() {
        return row;
    }
    let dedent_chars = first_line
        .chars()
        .count()
        .saturating_sub(all_lines[0].len());
    let start_offset = start_offset.saturating_sub(dedent_chars);
    let end_offset = end_offset.saturating_sub(dedent_chars);
    let last = all_lines.len() - 1;
    let dp_start_offset = display_width(&all_lines[0], Some(start_offset));
    let dp_end_offset = display_width(&all_lines[last], Some(end_offset));

    // The exact code segment of the instruction.
    let joined: Line = all_lines.join(&'\n');
    let seg_end = joined
        .len()
        .saturating_sub(all_lines[last].len().saturating_sub(end_offset));
    let segment: String = joined
        .get(start_offset.min(seg_end)..seg_end)
        .map(line_str)
        .unwrap_or_default();

    let anchors = anchors_of(&segment);
    let show_carets = should_show_carets(start_offset, end_offset, &all_lines, anchors.is_some());

    // Only the first and last lines and those around the anchors are shown.
    let mut significant = std::collections::BTreeSet::from([0, last]);
    let (mut left_end, mut right_start) = (0, 0);
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    if let Some(a) = &anchors {
        left_end = a.left_end_offset;
        right_start = a.right_start_offset;
        if a.left_end_lineno == 0 {
            left_end += start_offset;
        }
        if a.right_start_lineno == 0 {
            right_start += start_offset;
        }
        let width_at = |ln: usize, off: usize| {
            all_lines
                .get(ln)
                .map_or(off, |l| display_width(l, Some(off)))
        };
        left_end = width_at(a.left_end_lineno, left_end);
        right_start = width_at(a.right_start_lineno, right_start);
        for l in [a.left_end_lineno, a.right_start_lineno] {
            significant.extend([l.wrapping_sub(1), l, l + 1]);
        }
    }
    significant.retain(|&l| l <= last);

    let mut result = String::new();
    let output_line = |ln: usize, result: &mut String| {
        let line = &all_lines[ln];
        result.push_str(&line_str(line));
        result.push('\n');
        if !show_carets {
            return;
        }
        let num_spaces = line.iter().take_while(|c| c.is_whitespace()).count();
        let num_carets = if ln == last {
            dp_end_offset
        } else {
            display_width(line, None)
        };
        for col in 0..num_carets {
            let c = if col < num_spaces || (ln == 0 && col < dp_start_offset) {
                ' '
            } else if let Some(a) = &anchors {
                let after_left =
                    ln > a.left_end_lineno || (ln == a.left_end_lineno && col >= left_end);
                let before_right =
                    ln < a.right_start_lineno || (ln == a.right_start_lineno && col < right_start);
                if after_left && before_right {
                    secondary
                } else {
                    primary
                }
            } else {
                primary
            };
            result.push(c);
        }
        result.push('\n');
    };
    let sig: Vec<usize> = significant.into_iter().collect();
    for (i, &ln) in sig.iter().enumerate() {
        if i > 0 {
            let diff = ln - sig[i - 1];
            if diff == 2 {
                output_line(ln - 1, &mut result);
            } else if diff > 2 {
                result.push_str(&format!("...<{} lines>...\n", diff - 1));
            }
        }
        output_line(ln, &mut result);
    }
    row.push_str(&indent_all(&dedent(&result), "    "));
    row
}

/// `_should_show_carets`: no markers under a line that is entirely the failing call (`x =
/// f(...)`, `return f(...)`) or that the instruction covers completely.
fn should_show_carets(
    start_offset: usize,
    end_offset: usize,
    all_lines: &[Line],
    has_anchors: bool,
) -> bool {
    let src = all_lines
        .iter()
        .map(|l| line_str(l))
        .collect::<Vec<_>>()
        .join("\n");
    if let Ok((Mod::Module { body, .. }, _)) = frontend::parser::parse(&src, frontend::Mode::Exec) {
        let Some(st) = body.first() else {
            return false;
        };
        let value = match &st.node {
            StmtKind::Return { value: Some(v) } => match &v.node {
                ExprKind::Call { func, .. } if matches!(func.node, ExprKind::Name { .. }) => {
                    Some(v)
                }
                _ => None,
            },
            StmtKind::Assign { targets, value, .. }
                if targets.len() == 1
                    && matches!(targets[0].node, ExprKind::Name { .. })
                    && matches!(value.node, ExprKind::Call { .. }) =>
            {
                Some(value)
            }
            _ => None,
        };
        // CPython compares the AST's byte columns with character offsets; so do we.
        if let Some(v) = value {
            let r = &v.range;
            if r.lineno == 1
                && r.end_lineno as usize == all_lines.len()
                && r.col_offset as usize == start_offset
                && r.end_col_offset as usize == end_offset
            {
                return false;
            }
        }
    }
    if has_anchors {
        return true;
    }
    let first = &all_lines[0];
    let last = &all_lines[all_lines.len() - 1];
    let before = &first[..start_offset.min(first.len())];
    let after = &last[end_offset.min(last.len())..];
    before.iter().any(|c| !c.is_whitespace()) || after.iter().any(|c| !c.is_whitespace())
}

/// `_extract_caret_anchors_from_line_segment`: for a binary operation the operator, for a
/// subscript or call the brackets. `None` when the segment is something else.
fn anchors_of(segment: &str) -> Option<Anchors> {
    let src = format!("(\n{segment}\n)");
    let (m, _) = frontend::parser::parse(&src, frontend::Mode::Exec).ok()?;
    let Mod::Module { body, .. } = m else {
        return None;
    };
    if body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &body[0].node else {
        return None;
    };
    let seg_lines: Vec<&str> = segment.lines().collect();
    let lines: Vec<Line> = seg_lines.iter().map(|l| l.chars().collect()).collect();
    let cur = Cursor {
        lines: &lines,
        raw: &seg_lines,
    };
    match &value.node {
        ExprKind::BinOp { left, right, .. } => {
            let (ln, col) = cur.end_of(left, true)?;
            let (ln, col) = cur.increment_until(ln, col, |c| !c.is_whitespace() && c != ')')?;
            let mut right_col = col + 1;
            let line = &lines[ln];
            if right_col < line.len()
                && ((right.range.lineno as usize).checked_sub(2)? > ln
                    || right_col
                        < cur.normalize(
                            (right.range.lineno as usize).checked_sub(2)?,
                            right.range.col_offset as usize,
                        )?)
                && !line[right_col].is_whitespace()
                && line[right_col] != '\\'
                && line[right_col] != '#'
            {
                right_col += 1;
            }
            Some(Anchors {
                left_end_lineno: ln,
                left_end_offset: col,
                right_start_lineno: ln,
                right_start_offset: right_col,
            })
        }
        ExprKind::Subscript { value: inner, .. } | ExprKind::Call { func: inner, .. } => {
            let open = if matches!(value.node, ExprKind::Subscript { .. }) {
                '['
            } else {
                '('
            };
            let (ln, col) = cur.end_of(inner, true)?;
            let (ln, col) = cur.increment_until(ln, col, |c| c == open)?;
            let (rln, rcol) = cur.end_of(value, false)?;
            Some(Anchors {
                left_end_lineno: ln,
                left_end_offset: col,
                right_start_lineno: rln,
                right_start_offset: rcol,
            })
        }
        _ => None,
    }
}

/// Position arithmetic over the segment's lines (the nested helpers of CPython's
/// `_extract_caret_anchors_from_line_segment`); `None` where Python's would fail.
struct Cursor<'a> {
    lines: &'a [Line],
    raw: &'a [&'a str],
}

impl Cursor<'_> {
    fn normalize(&self, ln: usize, byte_off: usize) -> Option<usize> {
        Some(byte_to_char_offset(self.raw.get(ln)?, byte_off))
    }

    fn next_valid_char(&self, mut ln: usize, mut col: usize) -> Option<(usize, usize)> {
        while ln < self.lines.len() && col >= self.lines[ln].len() {
            col = 0;
            ln += 1;
        }
        (ln < self.lines.len() && col < self.lines[ln].len()).then_some((ln, col))
    }

    fn increment_until(
        &self,
        mut ln: usize,
        mut col: usize,
        stop: impl Fn(char) -> bool,
    ) -> Option<(usize, usize)> {
        loop {
            let ch = *self.lines.get(ln)?.get(col)?;
            if ch == '\\' || ch == '#' {
                (ln, col) = self.next_valid_char(ln + 1, 0)?;
            } else if !stop(ch) {
                (ln, col) = self.next_valid_char(ln, col + 1)?;
            } else {
                return Some((ln, col));
            }
        }
    }

    /// `setup_positions`: the end of `e` (lines are shifted by the added "(\n").
    fn end_of(&self, e: &Expr, force_valid: bool) -> Option<(usize, usize)> {
        let ln = (e.range.end_lineno as usize).checked_sub(2)?;
        let col = self.normalize(ln, e.range.end_col_offset as usize)?;
        if force_valid {
            self.next_valid_char(ln, col)
        } else {
            Some((ln, col))
        }
    }
}
