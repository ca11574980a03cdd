//! The web crate's integration tests, in one binary: a module per feature
//! (as `src/`), and the cross-cutting ones: the API as a whole (`api`),
//! real-browser tests (`browser`), T-6 from the reader's side
//! (`classified`), flows across pages (`flows`), architecture invariants
//! (`invariants`), the route × role × scope matrix (`matrix`), rendered
//! pages (`pages`). `support` is the in-process test client.

mod support;

mod api;
mod audit;
mod browser;
mod classified;
mod congress_documents;
mod congresses;
mod dissemination;
mod documents;
mod elections;
mod elections_after;
mod elections_floor;
mod flows;
mod invariants;
mod matrix;
mod members;
mod orgs;
mod pages;
mod petitions;
mod tasks;
