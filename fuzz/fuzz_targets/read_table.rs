//! Table input (CSV, TSV, JSON lines): any bytes are read into records or
//! an error, never a panic; every record has one value per carried column
//! and either text to score or why it has none.
#![no_main]

use libfuzzer_sys::fuzz_target;

use hedgescore::input::Limits;
use hedgescore::input::table::{Columns, TableFormat, TableReader};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
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
    let reader: Box<dyn std::io::Read + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let Ok(mut table) = TableReader::new(reader, format, &columns, None, &Limits::default()) else {
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
