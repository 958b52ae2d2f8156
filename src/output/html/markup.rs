//! The markup every part of the HTML report writes with: escaping, the
//! ids of sections, plurals. Writes into memory; never does I/O.

use std::fmt;
use std::io::Write as _;

/// Writes formatted text into the output buffer.
pub(super) fn put(out: &mut Vec<u8>, args: fmt::Arguments) {
    out.write_fmt(args).expect("writing to memory cannot fail");
}

/// Appends `text` with the five characters that mean something in HTML
/// (`& < > " '`) replaced by references, so it is safe both as element
/// text and inside a quoted attribute.
pub(super) fn escape(text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        out.extend_from_slice(match rest.as_bytes()[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest.as_bytes());
}

/// The `id` attribute of the section of the run's article number
/// `article`, named `name`: the number keeps it unique in the page, the
/// name keeps it readable. In the name, letters, digits, `-` and `.` are
/// kept and every other byte is written `_XX` (hex), so the id needs no
/// escaping in a link.
pub fn section_id(article: u64, name: &str) -> String {
    let mut id = String::with_capacity(name.len() + 16);
    id.push_str(&format!("article-{article}-"));
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            id.push(b as char);
        } else {
            id.push_str(&format!("_{b:02X}"));
        }
    }
    id
}

/// The prefix of the ids of the sentences of the run's article number
/// `article`: `a12-s` (then the sentence's number). Short, as every
/// sentence shown has one and its chart point links to it.
pub(super) fn sentence_ids(article: u64) -> String {
    format!("a{article}-s")
}

/// The `s` of a plural, for `n` things.
pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
