//! What every client that signs each push itself, with no token exchange (Xiaomi, Meizu), holds:
//! one HTTP client, the base and push URLs, the retries and the app's credentials. Each vendor's
//! folder names it `Client` and adds `new` (its push path) and the requests.

use crate::net::NetOptions;

/// A client for one app of a vendor that signs every request: its API and the app's
/// credentials `A`.
pub struct Client<A> {
    pub(in crate::vendors) http: reqwest::Client,
    pub(in crate::vendors) base: String,
    pub(in crate::vendors) send_url: reqwest::Url,
    pub(in crate::vendors) app: A,
    pub(in crate::vendors) retries: u32,
}

impl<A> Client<A> {
    /// A client for the API at `base` (checked: `https://`, or `http://` on loopback only) that
    /// pushes to `send_path`.
    pub(in crate::vendors) fn at(
        base: &str,
        send_path: &str,
        app: A,
        net: &NetOptions,
    ) -> anyhow::Result<Client<A>> {
        let send_url = crate::net::endpoint(base, send_path)?;
        Ok(Client {
            http: crate::net::client_for(net, &send_url)?,
            base: base.to_owned(),
            send_url,
            app,
            retries: net.retries,
        })
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &str {
        &self.base
    }
}
