//! Fuzz target: rule loading. Input: arbitrary bytes as the text of one rule file. Checks:
//! `rules::load::parse_file` returns rules or errors and never panics; every error names the
//! file with `path:LINE:COL`; the rules of a valid file are merged on top of the built-in set
//! (duplicate ids become errors, never panics) and every one of them can be explained.
#![no_main]

use std::sync::OnceLock;

use factdiff::rules::load::parse_file;
use factdiff::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

/// The built-in rules, parsed once (parsing them on every input would dominate the run).
fn builtin() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| factdiff::rules::load_embedded().expect("built-in rules are valid"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_file("fuzz/custom.toml", text) {
        Ok(rules) => {
            for r in &rules {
                let _ = factdiff::rules::explain(r);
            }
            let mut set = builtin().clone();
            let _ = set.extend(RuleSet { rules });
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(e.starts_with("fuzz/custom.toml:"), "{e}");
            }
        }
    }
});
