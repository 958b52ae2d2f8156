//! The bytes of a CSV or TSV table on their way to the csv reader,
//! watched for what the csv reader passes over in silence: a quote never
//! closed, text after a closing quote, and the line each record starts on.
//! Passes every byte through unchanged, but for the rest of a record
//! longer than the longest it passes on, which it drops.

use std::collections::VecDeque;
use std::io::Read;

/// Follows the quotes of a CSV or TSV file as its bytes pass to the csv
/// reader, which reads a quote that is never closed on to the end of the
/// file without a word: every row after it would vanish into one field.
/// The states are those of the csv reader as configured here (a field
/// that starts with `"` is quoted, `""` inside it is a quote, line ends
/// are `\n`, `\r` or both). It also notes text right after a closing
/// quote (`"a"b`), which the csv reader adds to the field without a word:
/// almost always a quote inside the field that was not doubled, or a
/// quote never closed that the next row's quote closed. And it notes the
/// line each record starts on: the csv reader counts only `\n`, so after
/// a `\r\n` (whose `\n` it reads with the next record) or a lone `\r` its
/// lines fall behind, and a record's position is before the blank lines
/// it skips.
pub(super) struct QuoteWatch {
    inner: Box<dyn Read + Send>,
    delimiter: u8,
    state: u8,
    /// True once the file has ended inside a quoted field.
    pub(super) open_at_end: bool,
    /// True once the first bytes were read (the csv reader strips a byte
    /// order mark from the start of the file, so the first field starts
    /// after it).
    started: bool,
    /// Bytes read before the current read, to place what it finds in the
    /// file as the csv reader's positions do (a byte order mark counts).
    read_before: u64,
    /// Where in the file a closing quote is followed by text, in order,
    /// until the record holding each has been read.
    after_quote: VecDeque<u64>,
    /// Line ends read so far: `\r\n`, a lone `\r` or `\n` (each ends a
    /// record for the csv reader).
    line_ends: u64,
    /// The last byte counted, for a `\r\n` split between two reads.
    last_byte: u8,
    /// Where each record starts, in order, until the csv reader has read
    /// the record.
    record_starts: VecDeque<RecordStart>,
    /// The longest record passed on whole, give or take one read: the csv
    /// reader holds a record in memory, so the rest of a longer one is
    /// dropped.
    max_record: u64,
    /// Dropping the rest of a record that is too long, up to its end.
    dropping: bool,
    /// A quote to pass on before the record's end, to close the quoted
    /// field that the dropped bytes would have closed.
    quote_owed: bool,
}

/// Where a record starts: its first byte as the csv reader counts (the
/// bytes passed on), its line, and whether it was too long.
#[derive(Debug, Clone, Copy)]
struct RecordStart {
    at: u64,
    line: u64,
    too_long: bool,
}

/// What the watch knows of the record the csv reader just read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RecordFacts {
    /// The line it starts on.
    pub(super) line: u64,
    /// It was longer than the watch passes on: its end was dropped.
    pub(super) too_long: bool,
}

impl QuoteWatch {
    /// Watches `inner`, a table whose fields `delimiter` separates,
    /// passing on at most about `max_record` bytes of each record.
    pub(super) fn new(inner: Box<dyn Read + Send>, delimiter: u8, max_record: usize) -> QuoteWatch {
        QuoteWatch {
            inner,
            delimiter,
            state: QuoteWatch::RECORD_START,
            open_at_end: false,
            started: false,
            read_before: 0,
            after_quote: VecDeque::new(),
            line_ends: 0,
            last_byte: 0,
            record_starts: VecDeque::new(),
            max_record: max_record as u64,
            dropping: false,
            quote_owed: false,
        }
    }

    const FIELD_START: u8 = 0;
    const UNQUOTED: u8 = 1;
    const QUOTED: u8 = 2;
    /// A quote inside a quoted field: its end, or the first of two.
    const QUOTE_IN_QUOTED: u8 = 3;
    /// A field start after a line end or at the file's start: the next
    /// byte that is no line end (the csv reader skips blank lines) starts
    /// a record.
    const RECORD_START: u8 = 4;

    fn step(&self, state: u8, byte: u8) -> u8 {
        match state {
            QuoteWatch::FIELD_START | QuoteWatch::RECORD_START if byte == b'"' => {
                QuoteWatch::QUOTED
            }
            QuoteWatch::QUOTED if byte == b'"' => QuoteWatch::QUOTE_IN_QUOTED,
            QuoteWatch::QUOTED => QuoteWatch::QUOTED,
            QuoteWatch::QUOTE_IN_QUOTED if byte == b'"' => QuoteWatch::QUOTED,
            _ if byte == self.delimiter => QuoteWatch::FIELD_START,
            _ if byte == b'\n' || byte == b'\r' => QuoteWatch::RECORD_START,
            _ => QuoteWatch::UNQUOTED,
        }
    }

    /// Counts the line ends in `bytes`, the next bytes of the file.
    fn count_line_ends(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else { return };
        // The `\n`s are counted, not visited one by one; then the `\r`s,
        // which most files lack. The `\n` of a `\r\n` ends the line its
        // `\r` ended.
        let mut line_ends = memchr::memchr_iter(b'\n', bytes).count();
        line_ends -= usize::from(self.last_byte == b'\r' && bytes[0] == b'\n');
        for at in memchr::memchr_iter(b'\r', bytes) {
            line_ends += usize::from(bytes.get(at + 1) != Some(&b'\n'));
        }
        self.line_ends += line_ends as u64;
        self.last_byte = last;
    }

    /// The record the csv reader began to read at the file position
    /// `from`: the first record start at or after it (the reader begins
    /// before the blank lines it skips, and before the `\n` of a `\r\n`
    /// that ended the record before). Forgets the starts before.
    pub(super) fn record_from(&mut self, from: u64) -> Option<RecordFacts> {
        while self
            .record_starts
            .front()
            .is_some_and(|start| start.at < from)
        {
            self.record_starts.pop_front();
        }
        self.record_starts.front().map(|start| RecordFacts {
            line: start.line,
            too_long: start.too_long,
        })
    }

    /// The longest record passed on whole, give or take one read.
    pub(super) fn max_record(&self) -> usize {
        self.max_record as usize
    }

    /// True if text after a closing quote was found before the file
    /// position `end`; forgets those places.
    pub(super) fn text_after_quote_before(&mut self, end: u64) -> bool {
        let mut found = false;
        while self.after_quote.front().is_some_and(|&at| at < end) {
            self.after_quote.pop_front();
            found = true;
        }
        found
    }

    fn read_inner(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // The csv reader gives up on an interrupted read: retried here.
        loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => return other,
            }
        }
    }
}

impl QuoteWatch {
    /// Reads on while dropping the rest of a record that is too long: the
    /// bytes up to its end are dropped (their line ends counted), and the
    /// bytes from the end on are moved to the start of `buf`; how many.
    fn read_past_record(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.read_inner(buf)?;
            if n == 0 {
                self.dropping = false;
                return Ok(0);
            }
            let end = self.record_end(&buf[..n]);
            self.count_line_ends(&buf[..end.unwrap_or(n)]);
            if let Some(end) = end {
                self.dropping = false;
                buf.copy_within(end..n, 0);
                return Ok(n - end);
            }
        }
    }

    /// Where in `bytes`, the next of the file, a line end ends the record
    /// being read; the state is left as it is before that byte.
    fn record_end(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < bytes.len() {
            let at = match self.state {
                QuoteWatch::QUOTED => memchr::memchr(b'"', &bytes[i..])?,
                QuoteWatch::UNQUOTED => memchr::memchr3(self.delimiter, b'\n', b'\r', &bytes[i..])?,
                _ => 0,
            };
            i += at;
            let next = self.step(self.state, bytes[i]);
            if next == QuoteWatch::RECORD_START && self.state != QuoteWatch::RECORD_START {
                return Some(i);
            }
            self.state = next;
            i += 1;
        }
        None
    }

    /// Marks the record being read too long if it is, now that it ends
    /// before the file position `end` (its line end, or the file's end).
    fn record_ended(&mut self, end: u64) {
        if let Some(start) = self.record_starts.back_mut() {
            start.too_long |= end - start.at > self.max_record;
        }
    }

    /// After a read that left a record open: if it has grown past the
    /// longest passed on, marks it and drops the rest of it from the next
    /// read on, owing the csv reader a quote if it is in a quoted field.
    fn check_record_length(&mut self) {
        if self.state == QuoteWatch::RECORD_START {
            return;
        }
        let Some(start) = self.record_starts.back_mut() else {
            return;
        };
        if self.read_before - start.at > self.max_record && !start.too_long {
            start.too_long = true;
            self.dropping = true;
            self.quote_owed = self.state == QuoteWatch::QUOTED;
            // The dropped bytes' quotes are not the csv reader's.
            let passed = self.read_before;
            self.after_quote.retain(|&at| at < passed);
        }
    }
}

impl QuoteWatch {
    /// The first read, `n` bytes in `buf`, read on past a byte order mark:
    /// the csv reader strips a mark only from its first read, and only a
    /// whole one; a first read of just the mark it strips and then, left
    /// with nothing, takes for the end of the file. So the first read goes
    /// on while it holds no more than a mark or part of one (a pipe may
    /// send the mark alone). The bytes read, and where the file's first
    /// field starts.
    fn read_past_mark(&mut self, buf: &mut [u8], mut n: usize) -> std::io::Result<(usize, usize)> {
        let bom = "\u{feff}".as_bytes();
        while n < buf.len() && bom.starts_with(&buf[..n]) {
            match self.read_inner(&mut buf[n..])? {
                0 => break,
                more => n += more,
            }
        }
        let start = if buf[..n].starts_with(bom) {
            bom.len()
        } else {
            0
        };
        Ok((n, start))
    }
}

impl Read for QuoteWatch {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.quote_owed {
            // Closes the quoted field the csv reader is in, which the
            // dropped bytes would have closed; no byte of the file.
            self.quote_owed = false;
            buf[0] = b'"';
            self.read_before += 1;
            return Ok(1);
        }
        let mut n = if self.dropping {
            self.read_past_record(buf)?
        } else {
            self.read_inner(buf)?
        };
        if n == 0 && self.state == QuoteWatch::QUOTED {
            self.open_at_end = true;
        }
        if n == 0 && self.state != QuoteWatch::RECORD_START {
            self.record_ended(self.read_before);
        }
        let mut i = 0;
        if !self.started && n > 0 {
            self.started = true;
            (n, i) = self.read_past_mark(buf, n)?;
        }
        // Only quotes matter inside a quoted field, and only field ends
        // inside another: jump from one to the next. Line ends are counted
        // apart, up to each record start.
        let mut state = self.state;
        let mut counted = i;
        while i < n {
            let next = match state {
                QuoteWatch::QUOTED => memchr::memchr(b'"', &buf[i..n]),
                QuoteWatch::UNQUOTED => memchr::memchr3(self.delimiter, b'\n', b'\r', &buf[i..n]),
                _ => Some(0),
            };
            let Some(at) = next else { break };
            i += at;
            if state == QuoteWatch::RECORD_START && buf[i] != b'\n' && buf[i] != b'\r' {
                self.count_line_ends(&buf[counted..i]);
                counted = i;
                self.record_starts.push_back(RecordStart {
                    at: self.read_before + i as u64,
                    line: self.line_ends + 1,
                    too_long: false,
                });
            }
            let next_state = self.step(state, buf[i]);
            if state == QuoteWatch::QUOTE_IN_QUOTED && next_state == QuoteWatch::UNQUOTED {
                self.after_quote.push_back(self.read_before + i as u64);
            }
            if next_state == QuoteWatch::RECORD_START && state != QuoteWatch::RECORD_START {
                self.record_ended(self.read_before + i as u64);
            }
            state = next_state;
            i += 1;
        }
        self.count_line_ends(&buf[counted..n]);
        self.state = state;
        self.read_before += n as u64;
        self.check_record_length();
        Ok(n)
    }
}
