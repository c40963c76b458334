//! `factdiff rules`.

use crate::cli::RulesArgs;

pub fn run(args: RulesArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`rules` is not implemented yet")
}
