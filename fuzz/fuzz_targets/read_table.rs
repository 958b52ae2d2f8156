//! Table input (CSV, TSV, JSON lines): any bytes are read into records or
//! an error, never a panic; every record has one value per carried column
//! and either text to score or why it has none. The second byte picks
//! small limits (rows of 16 bytes up, 1 column up) half the time, so that
//! inputs of fuzzing's size reach the row and column bounds; JSON lines
//! are read both ways, with the keys known beforehand too.
#![no_main]

use libfuzzer_sys::fuzz_target;

use hedgescore::input::Limits;
use hedgescore::input::table::{Columns, TableFormat, TableReader, jsonl_keys};

fuzz_target!(|data: &[u8]| {
    let [selector, size, bytes @ ..] = data else {
        return;
    };
    let (selector, size) = (*selector, *size);
    let limits = if size & 0x80 != 0 {
        Limits {
            line_bytes: 16 << (size & 7),
            row_bytes: 16 << (size & 7),
            columns: 1 + usize::from((size >> 3) & 15),
        }
    } else {
        Limits::default()
    };
    let format = match selector % 3 {
        0 => TableFormat::Csv,
        1 => TableFormat::Tsv,
        _ => TableFormat::Jsonl,
    };
    let columns = Columns {
        text: "text".to_string(),
        id: (selector & 0x80 != 0).then(|| "id".to_string()),
        ..Columns::default()
    };
    let reader = || -> Box<dyn std::io::Read + Send> { Box::new(std::io::Cursor::new(bytes.to_vec())) };
    let opened = if format == TableFormat::Jsonl && selector & 0x40 != 0 {
        let keys = jsonl_keys(reader(), &limits).expect("a cursor reads");
        assert!(keys.len() <= limits.columns);
        TableReader::jsonl_with_keys(reader(), &columns, None, &limits, &keys)
    } else {
        TableReader::new(reader(), format, &columns, None, &limits)
    };
    let Ok(mut table) = opened else {
        return;
    };
    let mut records = 0;
    while let Some(record) = table.next_record(None) {
        let Ok(record) = record else { break };
        records += 1;
        assert_eq!(record.carried.len(), table.carried_columns().len());
        if let Ok(text) = &record.text {
            assert!(!text.trim().is_empty());
        }
        assert!(records <= bytes.len() + 1, "more records than bytes");
    }
});
