//! The election files of `daihoi tally` as a library (`docs/tally-format.md`):
//! ELECTION.toml (the election, withdrawals R-LIST-7, the board's rulings
//! R-VALID-8, the congress's recorded decisions, the minutes' fields) and
//! the ballots files (a CSV per round, or a spreadsheet's first sheet), read
//! strictly into the election engine and written back.
//!
//! No paths and no I/O beyond the reader it is given: the command line
//! opens the files, the web gives uploads. The messages name the file as
//! the caller names it, with the line and column.

mod file;
pub mod minutes;
mod read;
mod rounds;
mod write;

pub use file::{ElectionFile, ElectionFileError, MinutesInfo, parse_election};
pub use read::{BallotsError, Place, Problem, ballots_bytes, ballots_format, tally_bytes, tally_csv, tally_workbook};
pub use rounds::{ProceedError, Uncounted, proceed};
pub use write::{ElectionFiles, WriteError, election_toml, round_lists, write_ballots_csv, write_election_files};
