//! `/api/v1/members`: one member.

pub mod show;
