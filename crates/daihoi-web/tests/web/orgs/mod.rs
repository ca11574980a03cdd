//! Organizations on the web: the API's history, move, merge and dissolve
//! (`api`; the first operations are in the cross-cutting `api` module).

mod api;
