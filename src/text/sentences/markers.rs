//! List markers: `1.`, `a)`, `(2)`, and whether one follows another.

/// A list-item marker: "1." "12)" "a." "b)" "3.)" "(4)" "(c)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    alpha: bool,
    style: MarkerStyle,
    value: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkerStyle {
    Dot,
    Paren,
    DotParen,
    Enclosed,
}

impl Marker {
    /// Whether this marker is the next item of the list `prev` began.
    pub(super) fn follows(self, prev: Marker) -> bool {
        self.alpha == prev.alpha && self.style == prev.style && self.value == prev.value + 1
    }
}

/// Parses a list marker at `j`: one to three digits or a single lower-case
/// letter (upper-case letters are too often initials), its punctuation, and
/// white space after it.
pub(super) fn parse_marker(b: &[u8], j: usize) -> Option<Marker> {
    let mut k = j;
    let enclosed = b.get(k) == Some(&b'(');
    k += usize::from(enclosed);
    let (alpha, value) = match *b.get(k)? {
        l @ b'a'..=b'z' => {
            k += 1;
            if b.get(k).is_some_and(u8::is_ascii_alphanumeric) {
                return None;
            }
            (true, u32::from(l - b'a') + 1)
        }
        b'0'..=b'9' => {
            let mut value = 0;
            let digits = b[k..].iter().take_while(|d| d.is_ascii_digit()).count();
            if digits > 3 {
                return None;
            }
            for d in &b[k..k + digits] {
                value = value * 10 + u32::from(d - b'0');
            }
            k += digits;
            (false, value)
        }
        _ => return None,
    };
    let style = match (enclosed, b.get(k), b.get(k + 1)) {
        (true, Some(b')'), _) => MarkerStyle::Enclosed,
        (false, Some(b'.'), Some(b')')) => MarkerStyle::DotParen,
        (false, Some(b'.'), _) => MarkerStyle::Dot,
        (false, Some(b')'), _) => MarkerStyle::Paren,
        _ => return None,
    };
    k += if style == MarkerStyle::DotParen { 2 } else { 1 };
    matches!(b.get(k), Some(b' ' | b'\t' | b'\n' | b'\r')).then_some(Marker {
        alpha,
        style,
        value,
    })
}
