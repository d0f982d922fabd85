//! Lays out a formatted number in its field: sign, prefix, thousands separators, zero
//! padding, fill and alignment (CPython's `calc_number_widths`, `fill_number` and
//! `_PyUnicode_InsertThousandsGrouping`).
//!
//! The field is `<lpad><sign><prefix><spad><grouped digits><remainder><rpad>`, where
//! the remainder is everything after the integer digits (`.25e+05`, `%`, `inf`). With
//! `0` fill and `=` alignment the padding goes *into* the digits, so separators appear
//! among the leading zeros (`format(1234, '08,')` is `'0,001,234'`).

use super::spec::{padding, push_fill, Align, FormatSpec, Grouping};
use super::Wtf8Buf;

/// The pieces of a number before layout.
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    pub prefix: &'a str,
    /// ASCII integer digits (may be empty, e.g. for `inf`).
    pub digits: &'a str,
    /// The rest, decimal point included; for `'c'` the character itself.
    pub remainder: &'a [u32],
}

/// Inserts separators into `digits` every `size` digits from the right, zero-extending
/// to at least `min_width` characters (separators included).
pub(crate) fn group_digits(
    digits: &str,
    min_width: isize,
    size: usize,
    sep: Option<char>,
) -> String {
    let Some(sep) = sep else {
        let mut s = String::new();
        let pad = (min_width.max(0) as usize).saturating_sub(digits.len());
        s.extend(std::iter::repeat_n('0', pad));
        s.push_str(digits);
        return s;
    };
    let mut groups: Vec<String> = Vec::new();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    let size = size as isize;
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let mut g = String::new();
        g.extend(std::iter::repeat_n('0', n_zeros as usize));
        let end = remaining as usize;
        g.push_str(&digits[end - n_chars as usize..end]);
        groups.push(g);
        remaining -= n_chars;
        min_width -= size;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Groups the fractional digits of a remainder (`.1234567e+05` → `.123_456_7e+05`).
pub(crate) fn group_fraction(rem: &str, sep: char) -> String {
    let Some(frac) = rem.strip_prefix('.') else {
        return rem.to_string();
    };
    let n = frac.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = String::from(".");
    for (i, ch) in frac[..n].chars().enumerate() {
        if i > 0 && i % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out.push_str(&frac[n..]);
    out
}

/// Writes the number into its field per the spec. `group_size` is 3, or 4 for `_` with
/// b/o/x/X; `grouping` is the separator in use (None for none, or `n` in the C locale).
pub(crate) fn layout_number(
    parts: &NumberParts<'_>,
    spec: &FormatSpec,
    grouping: Option<Grouping>,
    group_size: usize,
) -> Wtf8Buf {
    let sign = if parts.negative {
        Some('-')
    } else {
        match spec.sign {
            Some('+') => Some('+'),
            Some(' ') => Some(' '),
            _ => None,
        }
    };
    let n_sign = sign.is_some() as usize;
    let n_fixed = n_sign + parts.prefix.len() + parts.remainder.len();
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        let min_width = if spec.fill == 0x30 && spec.align == Align::AfterSign {
            spec.width.map_or(0, |w| w as isize - n_fixed as isize)
        } else {
            0
        };
        group_digits(
            parts.digits,
            min_width,
            group_size,
            grouping.map(Grouping::sep),
        )
    };
    let len = n_fixed + grouped.len();
    let (left, right, inner) = if spec.align == Align::AfterSign {
        let (l, r) = padding(len, spec.width, Align::Right);
        (0, 0, l + r)
    } else {
        let (l, r) = padding(len, spec.width, spec.align);
        (l, r, 0)
    };
    let mut out = Wtf8Buf::with_capacity(len + left + right + inner);
    push_fill(&mut out, spec.fill, left);
    if let Some(s) = sign {
        out.push_char(s);
    }
    out.push_str(parts.prefix);
    push_fill(&mut out, spec.fill, inner);
    out.push_str(&grouped);
    for &c in parts.remainder {
        out.push_code_point(c);
    }
    push_fill(&mut out, spec.fill, right);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_pads_with_zeros() {
        assert_eq!(group_digits("1234", 8, 3, Some(',')), "0,001,234");
        assert_eq!(group_digits("1234567", 0, 3, Some(',')), "1,234,567");
        assert_eq!(group_digits("12", 5, 3, None), "00012");
        assert_eq!(group_fraction(".1234567e+05", '_'), ".123_456_7e+05");
    }
}
