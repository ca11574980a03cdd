//! One registration per feature. Each feature folder's `routes()` returns a
//! [`FeatureRoutes`]: its page routes, each (method, path) written once (a
//! path with GET and POST is two calls, merged into one axum route; an
//! upload's body limit is given with it), which also fill the
//! [`RouteTable`] the route × role × scope test walks; and its API
//! operations, which [`crate::api`] adds to one `OpenApiRouter`, so the API's
//! routes and its OpenAPI document come from the same registration.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use utoipa_axum::router::UtoipaMethodRouter;

use crate::access::AppState;

/// The routes of the application, as (method, path) pairs in the order
/// they are registered: the route × role × scope test walks this list.
#[derive(Default)]
pub struct RouteTable {
    pub routes: Vec<(Method, &'static str)>,
}

/// What a feature registers: its page routes (router and table together)
/// and its API operations.
pub(crate) struct FeatureRoutes {
    pub(crate) router: Router<AppState>,
    pub(crate) table: RouteTable,
    /// The `routes!(…)` of the feature's API handlers, in order.
    pub(crate) api: Vec<UtoipaMethodRouter<AppState>>,
}

impl FeatureRoutes {
    pub(crate) fn new() -> FeatureRoutes {
        FeatureRoutes { router: Router::new(), table: RouteTable::default(), api: Vec::new() }
    }

    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> FeatureRoutes {
        self.table.routes.push((method, path));
        // A second method on a path already routed joins its method router.
        self.router = self.router.route(path, route);
        self
    }

    /// `GET path`.
    pub(crate) fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> FeatureRoutes {
        self.add(Method::GET, path, get(h))
    }

    /// `POST path`, with axum's default body limit.
    pub(crate) fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> FeatureRoutes {
        self.add(Method::POST, path, post(h))
    }

    /// `POST path` taking a body of up to `max_bytes` (a file upload).
    pub(crate) fn upload<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        max_bytes: usize,
        h: H,
    ) -> FeatureRoutes {
        self.add(Method::POST, path, post(h.layer(DefaultBodyLimit::max(max_bytes))))
    }

    /// API operations: one `routes!(…)` (the handlers of one path).
    pub(crate) fn api(mut self, operations: UtoipaMethodRouter<AppState>) -> FeatureRoutes {
        self.api.push(operations);
        self
    }

    /// `self`'s routes, then `other`'s.
    pub(crate) fn merge(mut self, other: FeatureRoutes) -> FeatureRoutes {
        self.router = self.router.merge(other.router);
        self.table.routes.extend(other.table.routes);
        self.api.extend(other.api);
        self
    }
}
