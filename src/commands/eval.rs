//! `factdiff eval`.

use crate::cli::EvalArgs;

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`eval` is not implemented yet")
}
