//! Dissemination (the web's URLs say `disseminations`): the conferences held
//! in a subtree, a conference with its attendance, attendance added later.

pub(crate) mod pages;

use crate::routes::FeatureRoutes;

/// The conference pages.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/disseminations", pages::list)
        .get("/disseminations/{id}", pages::show)
        .upload("/disseminations/{id}/attendance", crate::members::import::MAX_UPLOAD_BYTES, pages::add_attendance)
}
