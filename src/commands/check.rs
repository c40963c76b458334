//! `factdiff check`.

use crate::cli::CheckArgs;

pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`check` is not implemented yet")
}
