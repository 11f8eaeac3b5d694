//! An import file (`services::imports`) on any bytes, CSV or NDJSON: the reader never
//! panics or loops, and reads the same rows whether the file comes in one window or is cut
//! anywhere (a batch ends wherever its window does, and the next one starts after it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipmate::fuzzing::import_rows;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let ndjson = flags & 1 == 1;
    let cut = usize::from(flags >> 1) * bytes.len() / 127;
    let (whole, valid) = import_rows(bytes, bytes.len(), ndjson);
    let (pieces, _) = import_rows(bytes, cut, ndjson);
    assert_eq!(whole, pieces, "cut at {cut}");
    assert!(valid <= whole.len());
});
