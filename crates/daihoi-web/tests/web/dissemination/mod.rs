//! Dissemination conferences (hội nghị học tập, quán triệt); the pages'
//! tests are with the document's (`documents`), the JSON API's in `api`.

mod api;
