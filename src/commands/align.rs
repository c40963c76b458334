//! `factdiff align`.

use crate::cli::AlignArgs;

pub fn run(args: AlignArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`align` is not implemented yet")
}
