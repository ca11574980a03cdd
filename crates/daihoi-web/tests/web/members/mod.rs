//! Members on the web: the API's member file (`api`; the list and the
//! member are in the cross-cutting `api` module).

mod api;
