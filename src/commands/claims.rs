//! `factdiff claims`.

use crate::cli::ClaimsArgs;

pub fn run(args: ClaimsArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`claims` is not implemented yet")
}
