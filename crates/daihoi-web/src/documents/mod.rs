//! The document register: the list, registering a document, a document's
//! page with its links, files and the conferences that studied it; and
//! the API's `/api/v1/documents` (search, register, show, link, attach,
//! download, record a conference).

pub mod api;
pub(crate) mod incoming;
pub(crate) mod pages;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The document register's pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/documents", pages::list)
        .get("/documents/new", pages::new_form)
        .get("/documents/incoming", incoming::list)
        .post("/documents/{id}/arrivals", incoming::record_arrival)
        .post("/documents/{id}/forwards", incoming::forward)
        .post("/documents/forwards/{id}/receipt", incoming::receive)
        .post("/documents", pages::register)
        .get("/documents/{id}", pages::show)
        .post("/documents/{id}/links", pages::link)
        .get("/documents/files/{id}", pages::file)
        .upload("/documents/{id}/files", pages::MAX_FILE_BYTES, pages::attach)
        .upload("/documents/{id}/disseminations", crate::members::import::MAX_UPLOAD_BYTES, pages::disseminate)
        .api(routes!(api::search::search, api::register::register))
        .api(routes!(api::show::show))
        .api(routes!(api::link::link))
        .api(routes!(api::attach::attach))
        .api(routes!(api::file::file))
        .api(routes!(api::disseminate::disseminate))
        .api(routes!(api::arrival::record))
        .api(routes!(api::forward::forward))
        .api(routes!(api::receipt::receive))
        .api(routes!(api::inbox::inbox))
        .api(routes!(api::inbox::incoming))
}
