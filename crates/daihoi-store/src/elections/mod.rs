//! Elections inside the application (issue 16; `election-rules.md`, R-*):
//! a congress's elections, their lists, rounds, the ballots the board's
//! clerks enter (twice), the board's rulings and the congress's decisions;
//! `floor` the electronic votes on the floor. The rules are
//! `daihoi-election`'s; the store keeps and reads.

pub mod floor;
