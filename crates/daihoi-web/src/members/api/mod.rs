//! `/api/v1/members`: one member; a subtree's member file, exported and
//! imported.

pub mod export;
pub mod import;
pub mod keep;
pub mod show;
