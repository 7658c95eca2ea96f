//! What the emulator's shared parts need of each vendor. Each vendor's emulator file states it
//! (its routes and fault paths, its "busy" answer, its built-in apps, what an apps file must give
//! for one of its apps) in a `pub(super) const EMULATED`, and the emulator's one list of vendors,
//! `TABLE` in `mod.rs`, gathers them: routing, fault injection and the registry ask the table
//! instead of naming vendors.

use std::sync::Arc;

use axum::response::Response;
use axum::Router;

use super::registry::App;
use super::{Shared, TABLE};
use crate::vendor::Vendor;

/// What the emulator's shared parts need of one vendor's emulator.
pub(super) struct Emulated {
    pub vendor: Vendor,
    /// The endpoints under the vendor's prefix, as fault paths name them.
    pub endpoints: &'static [&'static str],
    /// The routes the emulator serves under `/{vendor id}`.
    pub routes: fn() -> Router<Arc<Shared>>,
    /// The vendor's own "system busy" answer, for the `busy` fault.
    pub busy: fn() -> Response,
    /// What the emulator serves without `--apps` (`Registry::builtin`).
    pub builtin_apps: fn() -> Vec<App>,
    /// What an app from an apps file must have for this vendor: the first missing or malformed
    /// field, as a one-line error naming it.
    pub check_app: fn(&App) -> anyhow::Result<()>,
    /// The certificate ID (business ID) the emulated Tencent IM console gives the built-in
    /// apps' credentials of this vendor; `None` where the IM console has none to give.
    pub business_id: Option<u32>,
}

/// A vendor emulator's [`Emulated`] entry, from the items every vendor's emulator file defines
/// under the same names: `ENDPOINTS`, `routes` (for APNs, production's), `busy`, `builtin_apps`
/// and `check_app`.
macro_rules! emulated {
    ($vendor:expr) => {
        $crate::emulator::table::emulated!($vendor, business_id: None)
    };
    ($vendor:expr, business_id: $id:expr) => {
        $crate::emulator::table::Emulated {
            vendor: $vendor,
            endpoints: ENDPOINTS,
            routes,
            busy,
            builtin_apps,
            check_app,
            business_id: $id,
        }
    };
}
pub(super) use emulated;

const VENDORS: [Vendor; TABLE.len()] = {
    let mut vendors = [Vendor::Tim; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        vendors[i] = TABLE[i].vendor;
        i += 1;
    }
    vendors
};

/// The vendors whose endpoints the emulator serves.
pub const EMULATED_VENDORS: &[Vendor] = &VENDORS;

/// The certificate ID the emulated Tencent IM console gives `vendor`'s built-in apps (the
/// `business-id` of `pushdiag emulate`'s config snippet); `None` for a vendor without one.
pub fn builtin_business_id(vendor: Vendor) -> Option<u32> {
    let table: &'static [Emulated] = &TABLE;
    table
        .iter()
        .find(|entry| entry.vendor == vendor)
        .and_then(|entry| entry.business_id)
}

/// The table's entry for the vendor with this id (`vivo`, the first segment of a path).
pub(super) fn by_id(id: &str) -> Option<&'static Emulated> {
    let table: &'static [Emulated] = &TABLE;
    table.iter().find(|entry| entry.vendor.id() == id)
}
