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
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Report files or one folder of reports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputOpts,
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
