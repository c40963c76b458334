//! Fuzz target: rule loading. Input: arbitrary bytes as the text of one rule file. Checks:
//! `rules::load::parse_file` returns rules or errors and never panics; every error names the
//! file with `path:LINE:COL`; a file that parses alone also goes through `parse_files` next to
//! the built-in rules (duplicate ids, sorting), and every rule it yields can be explained.
#![no_main]

use factdiff::rules::load::{parse_file, parse_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_file("fuzz/custom.toml", text) {
        Ok(rules) => {
            for r in &rules {
                let _ = factdiff::rules::explain(r);
            }
            let builtin: Vec<(String, &str)> = factdiff::vocab::EMBEDDED_RULES
                .files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .filter_map(|f| Some((f.path().to_str()?.to_string(), f.contents_utf8()?)))
                .chain([("fuzz/custom.toml".to_string(), text)])
                .collect();
            let _ = parse_files(builtin);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(e.starts_with("fuzz/custom.toml:"), "{e}");
            }
        }
    }
});
