//! `/api/v1/audit`: the audit log as the `/audit` page shows it.

pub mod list;
