//! Vocabulary data: the `rules/` folder embedded in the binary.
//!
//! Input: the repository's `rules/` folder at build time. Output: file contents by path
//! (`vocab/units.toml`, `casualties.toml`...). Recognisers parse their own vocabulary files from
//! here once (see each module); the rule loader reads the rule files.

use include_dir::{include_dir, Dir};

/// The repository's `rules/` folder, embedded at build time.
pub static EMBEDDED_RULES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// Contents of an embedded vocabulary file, by path relative to `rules/`
/// (e.g. `vocab/units.toml`).
pub fn embedded(path: &str) -> Option<&'static str> {
    EMBEDDED_RULES
        .get_file(path)
        .and_then(|f| f.contents_utf8())
}

/// Contents of an embedded vocabulary file that must exist; the repository's tests guarantee it.
pub fn require(path: &str) -> &'static str {
    match embedded(path) {
        Some(s) => s,
        None => panic!("embedded rules/{path} is missing"),
    }
}
