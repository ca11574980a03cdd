//! Dissemination conferences (hội nghị học tập, quán triệt); the pages'
//! tests are with the document's (`documents`) and in `pages` (paging,
//! the members who attended), the JSON API's in `api`.

mod api;
mod pages;
mod report;
