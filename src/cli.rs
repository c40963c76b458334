//! Command-line definitions (clap). Input: `argv`. Output: a parsed [`Cli`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Compare several reports of one event, claim by claim.
#[derive(Debug, Parser)]
#[command(name = "factdiff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align the sentences of several reports and print the groups.
    Align(AlignArgs),
    /// Extract claims (quantities, dates, member lists, attributions) from reports.
    Claims(ClaimsArgs),
    /// Compare the reports of one event and report discrepancies.
    Compare(CompareArgs),
    /// Compare every event folder of a corpus (or a CSV/JSON-lines corpus file).
    Check(CheckArgs),
    /// Score findings against each event's expected.json.
    Eval(EvalArgs),
    /// List, validate and explain rules.
    Rules(RulesArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Markdown,
    Html,
    Sarif,
    Junit,
    Github,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Args)]
pub struct AlignOpts {
    /// Minimum similarity (0..1) for two sentences to be aligned.
    #[arg(long, default_value_t = factdiff::align::AlignConfig::default().threshold)]
    pub threshold: f64,
    /// Weight (0..1) of the token-set measure against the character measure.
    #[arg(long, default_value_t = factdiff::align::AlignConfig::default().token_weight)]
    pub token_weight: f64,
}

#[derive(Debug, Args)]
pub struct OutputOpts {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour in terminal output (never with NO_COLOR set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct RulesOpts {
    /// Use the rules in DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Add the rules in DIR on top of the built-in (or --rules) ones.
    #[arg(long, value_name = "DIR")]
    pub extra_rules: Vec<PathBuf>,
}

/// Resource limits, for every command that reads reports (`align`, `claims`, `compare`,
/// `check`, `eval`). See docs/robustness.md.
#[derive(Debug, Clone, Args)]
pub struct LimitOpts {
    /// Largest report file read, in bytes; K, M, G (or KiB, MiB, GiB) are powers of 1024, KB,
    /// MB, GB powers of 1000 (e.g. 64M, 1GiB, 500KB). A larger file is an input error.
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Longest sentence, in bytes (at least 8): a longer run without a sentence end is cut at
    /// whitespace.
    #[arg(long, value_name = "BYTES", value_parser = parse_sentence_bytes,
          default_value_t = factdiff::segment::DEFAULT_MAX_SENTENCE_BYTES)]
    pub max_sentence_bytes: usize,
    /// Claims kept per report (the first ones in text order); more is a warning on stderr (and
    /// in the JSON `warnings` of `compare` / `check`), not an error.
    #[arg(long, value_name = "N", value_parser = parse_positive,
          default_value_t = factdiff::compare::DEFAULT_MAX_CLAIMS_PER_REPORT)]
    pub max_claims_per_report: usize,
}

/// A size in bytes: digits with an optional unit (K, M, G, T or KiB... = 1024^n; KB... =
/// 1000^n; B = bytes; case-insensitive). Zero is refused.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let usage = || {
        format!("invalid size `{text}`: expected bytes with an optional unit, e.g. 67108864, 64M, 64MiB, 1G")
    };
    let n: u64 = num.parse().map_err(|_| usage())?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => return Err(usage()),
    };
    let bytes = n
        .checked_mul(mult)
        .ok_or_else(|| format!("invalid size `{text}`: too large"))?;
    if bytes == 0 {
        return Err(format!("invalid size `{text}`: must be at least 1 byte"));
    }
    Ok(bytes)
}

/// A whole number of at least 1.
pub fn parse_positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a whole number")),
    }
}

/// A sentence limit: a whole number of at least 8 (a UTF-8 character takes up to 4 bytes).
pub fn parse_sentence_bytes(text: &str) -> Result<usize, String> {
    match parse_positive(text)? {
        n if n < 8 => Err(format!("must be at least 8, got {n}")),
        n => Ok(n),
    }
}

/// What makes a run fail, and which known findings to hide (`compare` and `check`).
#[derive(Debug, Args)]
pub struct GateOpts {
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Hide findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Report files or one folder of reports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub align: AlignOpts,
    #[command(flatten)]
    pub output: OutputOpts,
    #[command(flatten)]
    pub limits: LimitOpts,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Report files or one folder of reports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputOpts,
    #[command(flatten)]
    pub limits: LimitOpts,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Report files or one folder of reports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub align: AlignOpts,
    #[command(flatten)]
    pub rules: RulesOpts,
    #[command(flatten)]
    pub output: OutputOpts,
    #[command(flatten)]
    pub gate: GateOpts,
    #[command(flatten)]
    pub limits: LimitOpts,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A corpus folder (one subfolder per event, or a folder of reports).
    #[arg(required_unless_present = "input", conflicts_with = "input")]
    pub corpus: Option<PathBuf>,
    /// A CSV or JSON-lines corpus file instead of a folder.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Column holding the article text (with --input) [default: text].
    // No clap default: `requires` is not enforced on arguments that have one (clap#3076).
    #[arg(long, value_name = "COLUMN", requires = "input")]
    pub text_column: Option<String>,
    /// Column naming the source/outlet (with --input) [default: source].
    // No clap default: `requires` is not enforced on arguments that have one (clap#3076).
    #[arg(long, value_name = "COLUMN", requires = "input")]
    pub source_column: Option<String>,
    /// Column holding the article date (with --input) [default: date].
    // No clap default: `requires` is not enforced on arguments that have one (clap#3076).
    #[arg(long, value_name = "COLUMN", requires = "input")]
    pub date_column: Option<String>,
    /// Columns whose values group rows into events, comma-separated (with --input).
    #[arg(long, value_delimiter = ',', requires = "input")]
    pub group_by: Vec<String>,
    #[command(flatten)]
    pub align: AlignOpts,
    #[command(flatten)]
    pub rules: RulesOpts,
    #[command(flatten)]
    pub output: OutputOpts,
    #[command(flatten)]
    pub gate: GateOpts,
    #[command(flatten)]
    pub limits: LimitOpts,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A corpus folder whose event folders hold expected.json.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub align: AlignOpts,
    #[command(flatten)]
    pub rules: RulesOpts,
    /// Fail when fewer than this share (0..1) of listed conflicts is detected.
    #[arg(long, default_value_t = 0.0)]
    pub min_recall: f64,
    /// Fail when more than this many listed agreements are flagged at warning or error.
    #[arg(long)]
    pub max_false_alarms: Option<usize>,
    /// Output format (table or json).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub limits: LimitOpts,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules in force.
    List(RulesOpts),
    /// Validate a folder of rules (default: the built-in ones).
    Validate {
        /// Folder of rule files.
        dir: Option<PathBuf>,
    },
    /// Explain one rule: what it matches, how it compares, an example.
    Explain {
        /// Rule id, e.g. `casualties.killed`.
        id: String,
        #[command(flatten)]
        rules: RulesOpts,
    },
}

impl LimitOpts {
    /// Ingest settings (file-size limit).
    pub fn ingest(&self) -> factdiff::ingest::IngestConfig {
        factdiff::ingest::IngestConfig {
            max_file_bytes: self.max_file_size,
        }
    }

    /// Segmentation settings (sentence limit).
    pub fn segment(&self) -> factdiff::segment::SegmentConfig {
        factdiff::segment::SegmentConfig {
            max_sentence_bytes: self.max_sentence_bytes,
        }
    }
}

impl From<Format> for factdiff::render::Format {
    fn from(f: Format) -> Self {
        use factdiff::render::Format as R;
        match f {
            Format::Table => R::Table,
            Format::Json => R::Json,
            Format::Jsonl => R::Jsonl,
            Format::Markdown => R::Markdown,
            Format::Html => R::Html,
            Format::Sarif => R::Sarif,
            Format::Junit => R::Junit,
            Format::Github => R::Github,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("67108864"), Ok(67_108_864));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size(" 1g "), Ok(1 << 30));
        assert_eq!(parse_size("500KB"), Ok(500_000));
        assert_eq!(parse_size("2 mb"), Ok(2_000_000));
        assert_eq!(parse_size("10B"), Ok(10));
        assert!(parse_size("0").unwrap_err().contains("at least 1 byte"));
        assert!(parse_size("").unwrap_err().starts_with("invalid size ``"));
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999T").unwrap_err().contains("too large"));
        assert_eq!(parse_positive("20000"), Ok(20_000));
        assert!(parse_positive("0").is_err());
        assert_eq!(parse_sentence_bytes("8"), Ok(8));
        assert!(parse_sentence_bytes("7").is_err());
    }
}
