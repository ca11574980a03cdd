//! `/api/v1/orgs/{code}/congress/floor…` (the congress office's floor
//! votes) and `/api/v1/floor/{congress}…` (a delegate's sign-in, the vote
//! open and the ballot), as the pages show and change them, through the
//! same facet (issue 16 §5).

pub mod delegate;
pub mod office;
