//! Accounts: signing in and out, the account page (password, language, API
//! tokens).

pub(crate) mod pages;

use crate::routes::FeatureRoutes;

/// The sign-in and account pages.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/login", pages::login_form)
        .post("/login", pages::login)
        .get("/account", pages::show)
        .post("/account/password", pages::change_password)
        .post("/account/tokens", pages::create_token)
        .post("/account/tokens/{id}/revoke", pages::revoke_token)
        .post("/language", pages::language)
        .post("/logout", pages::logout)
}
