//! Rules: declarative rule files in `rules/*.toml`, validated at load.
//!
//! Input: TOML rule files (embedded default, `--rules DIR`, or defaults plus `--extra-rules DIR`).
//! Output: a validated [`RuleSet`], or every error at once as `path:line:col: message` with the
//! offending line. Evaluation ([`eval`]) turns claims and alignment into topics and findings.

pub mod eval;

/// A validated set of rules.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {}
