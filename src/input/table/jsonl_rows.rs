//! Tables in JSON lines: a line at a time within the longest row, each
//! object's members carried exactly, the carried fields fixed by the first
//! object or by every object's keys read beforehand.

use super::*;

/// What reading the next JSON line takes: the reader's state.
pub(super) struct JsonlReading<'r> {
    pub(super) lines: &'r mut std::io::BufReader<Box<dyn Read + Send>>,
    pub(super) line: &'r mut u64,
    pub(super) buffer: &'r mut Vec<u8>,
    pub(super) max_line: usize,
    pub(super) columns: &'r Columns,
    pub(super) fields: &'r mut JsonlFields,
}

/// The next JSON line as a record; `None` at the end.
pub(super) fn next_jsonl_record(
    r: JsonlReading<'_>,
    carried: &mut Vec<String>,
    path: Option<&Path>,
) -> Option<Result<Record>> {
    let bytes = match next_jsonl_line(r.lines, r.line, r.buffer, r.max_line) {
        Ok(Some(JsonlLine::Whole(bytes))) => bytes,
        Ok(Some(JsonlLine::TooLong)) => {
            let message = row_too_long(r.max_line);
            return Some(Ok(problem_record(*r.line, carried.len(), message)));
        }
        Ok(None) => return None,
        Err(e) => return Some(Err(Error::io(path, e))),
    };
    let (text, warning) = decode_field(bytes);
    let text = text.trim_end_matches(['\n', '\r']);
    let mut record = jsonl_record(*r.line, text, r.columns, carried, r.fields);
    record.repaired = warning.is_some();
    record.warning = match (warning, record.warning) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    Some(Ok(record))
}

/// A line of JSON lines as read.
enum JsonlLine<'b> {
    /// The line, without the byte order mark of the first.
    Whole(&'b [u8]),
    /// The line is longer than the longest read; it was read past.
    TooLong,
}

/// The next line of JSON lines that is not blank (a blank line between
/// records is no record: it gets no row, as the csv reader skips a blank
/// line), without the byte order mark of the first; `None` at the end.
fn next_jsonl_line<'b>(
    lines: &mut std::io::BufReader<Box<dyn Read + Send>>,
    line: &mut u64,
    buffer: &'b mut Vec<u8>,
    max_line: usize,
) -> std::io::Result<Option<JsonlLine<'b>>> {
    loop {
        buffer.clear();
        let Some(whole) = read_line_within(lines, buffer, max_line)? else {
            return Ok(None);
        };
        *line += 1;
        if !whole {
            return Ok(Some(JsonlLine::TooLong));
        }
        let mut bytes = buffer.as_slice();
        if *line == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if !bytes.trim_ascii().is_empty() {
            // Sliced again: returning `bytes`, a borrow made inside the
            // loop, is refused by the borrow checker.
            let start = buffer.len() - bytes.len();
            return Ok(Some(JsonlLine::Whole(&buffer[start..])));
        }
    }
}

/// Reads a line into `buffer`, keeping at most `max` bytes of it: a
/// longer line is read to its end and dropped. `Some(true)` for a line
/// kept whole, `Some(false)` for one dropped, `None` at the end.
fn read_line_within(
    lines: &mut impl std::io::BufRead,
    buffer: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    let (mut read, mut whole) = (0usize, true);
    loop {
        let available = match lines.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((read > 0).then_some(whole));
        }
        let (take, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        // The line's bytes, without its line end.
        if whole && buffer.len() + take - usize::from(done) <= max {
            // Grown by doubling, but never past `max`.
            let need = buffer.len() + take;
            if need > buffer.capacity() {
                let room = need.max(2 * buffer.capacity()).min(max);
                buffer.reserve_exact(room - buffer.len());
            }
            buffer.extend_from_slice(&available[..take]);
        } else if whole {
            whole = false;
            *buffer = Vec::new();
        }
        lines.consume(take);
        read += take;
        if done {
            return Ok(Some(whole));
        }
    }
}

/// Refuses binary input: a NUL byte in the first read (as much as has
/// arrived, up to what text inputs are sniffed for), as for a text
/// input. The bytes read are handed on before the rest.
/// The keys of every object of JSON lines, once each in the order first
/// met, at most `limits.columns` of them; lines that are too long or no
/// object are passed over (the reading proper reports them).
pub fn jsonl_keys(reader: Box<dyn Read + Send>, limits: &Limits) -> std::io::Result<Vec<String>> {
    let mut lines = std::io::BufReader::new(reader);
    let (mut line, mut buffer) = (0, Vec::new());
    let mut seen = HashSet::new();
    let mut keys = Vec::new();
    while let Some(read) = next_jsonl_line(&mut lines, &mut line, &mut buffer, limits.row_bytes)? {
        let JsonlLine::Whole(bytes) = read else {
            continue;
        };
        let Ok(Keys(found)) = serde_json::from_slice::<Keys>(bytes.trim_ascii_end()) else {
            continue;
        };
        for key in found {
            if keys.len() < limits.columns && !seen.contains(&key) {
                seen.insert(key.clone());
                keys.push(key);
            }
        }
    }
    Ok(keys)
}

/// The carried fields of a JSON-lines table, and the keys met that are
/// not among them.
#[derive(Default)]
pub(super) struct JsonlFields {
    /// True once the carried fields are fixed: by the first object, or by
    /// the keys of every object of a file read beforehand.
    pub(super) fixed: bool,
    /// The carried fields and the text and id keys.
    known: HashSet<String>,
    /// Keys met that are not known, each reported once; at most
    /// [`MAX_COLUMNS`] are remembered, so memory stays bounded.
    late: HashSet<String>,
    /// Where the columns came from, as a message about a late key says.
    from: &'static str,
}

impl JsonlFields {
    /// Fields fixed by the first object read.
    pub(super) fn from_first_object() -> JsonlFields {
        JsonlFields {
            from: "those of the first object",
            ..JsonlFields::default()
        }
    }

    /// Fields fixed by the keys of every object, read beforehand.
    pub(super) fn from_keys(keys: &[String], columns: &Columns) -> (JsonlFields, Vec<String>) {
        let mut fields = JsonlFields {
            from: "the keys of the file's objects, as many as a table may have columns",
            fixed: true,
            ..JsonlFields::default()
        };
        let carried = fields.fix(keys.iter(), columns);
        (fields, carried)
    }

    /// Fixes the carried fields: `keys` in order, once each, without the
    /// text and id keys.
    fn fix<'k>(
        &mut self,
        keys: impl Iterator<Item = &'k String>,
        columns: &Columns,
    ) -> Vec<String> {
        self.fixed = true;
        self.known.insert(columns.text.clone());
        self.known.extend(columns.id.clone());
        keys.filter(|k| self.known.insert((*k).clone()))
            .cloned()
            .collect()
    }
}

fn jsonl_record(
    line: u64,
    text: &str,
    columns: &Columns,
    carried: &mut Vec<String>,
    fields: &mut JsonlFields,
) -> Record {
    let members = match Members::parse(text) {
        Ok(members) => members,
        Err(message) => return problem_record(line, carried.len(), message),
    };
    // The first object (not the first line, which may be bad) fixes the
    // carried fields, so every row has the same columns; fields that later
    // objects lack are null.
    if !fields.fixed {
        *carried = fields.fix(members.0.iter().map(|(k, _)| k), columns);
    }
    let mut problems: Vec<String> = members.duplicate().into_iter().collect();
    problems.extend(late_keys(&members, fields));
    let id = columns
        .id
        .as_ref()
        .and_then(|k| members.get(k))
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
    let text = match members.get(&columns.text) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Record {
        line,
        id,
        text: text_to_score(text),
        carried: carried
            .iter()
            .map(|k| members.get(k).cloned().unwrap_or(Value::Null))
            .collect(),
        warning: (!problems.is_empty()).then(|| problems.join("; ")),
        repaired: false,
    }
}

/// A message naming the keys of `members` that are no carried field and
/// were not reported before.
fn late_keys(members: &Members, fields: &mut JsonlFields) -> Option<String> {
    let mut new = Vec::new();
    for (key, _) in &members.0 {
        if !fields.known.contains(key) && !fields.late.contains(key) {
            if fields.late.len() < MAX_COLUMNS {
                fields.late.insert(key.clone());
            }
            new.push(format!("{key:?}"));
        }
    }
    let (s, is) = if new.len() == 1 {
        ("", "is")
    } else {
        ("s", "are")
    };
    (!new.is_empty()).then(|| {
        format!(
            "the key{s} {} {is} not among the table's columns ({}), so not carried into this row or any later one",
            new.join(", "),
            fields.from,
        )
    })
}
