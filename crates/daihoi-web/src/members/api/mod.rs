//! `/api/v1/members`: one member; a subtree's member file.

pub mod export;
pub mod show;
