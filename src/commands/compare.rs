//! `factdiff compare`.

use crate::cli::CompareArgs;

pub fn run(args: CompareArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`compare` is not implemented yet")
}
