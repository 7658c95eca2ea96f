//! What every client that fetches a token before it pushes holds: one HTTP client, the token
//! and push URLs, the retries, and the token cached for the process; and the one way a token is
//! taken from the cache or fetched. Each vendor's `auth.rs` keeps only its request and how it
//! reads the answer.

use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::net::{NetOptions, Repeat, Reply, Sent};
use crate::outcome::Target;
use crate::secret::MASK;
use crate::vendor::Vendor;
use crate::vendors::push::{Exchange, PlannedRequest};

/// A client for one app of a vendor with a token exchange: its API,
/// whose token is fetched once and cached for the process, and the app's credentials `A`. Each
/// vendor's folder names it `Client` and adds `new` and the requests.
pub struct Client<A> {
    pub(in crate::vendors) api: Api,
    pub(in crate::vendors) app: A,
}

impl<A> Client<A> {
    /// The base URL requests go to.
    pub fn base(&self) -> &str {
        &self.api.base
    }
}

/// One vendor API with a token request.
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub auth_url: reqwest::Url,
    pub send_url: reqwest::Url,
    pub retries: u32,
    /// The token, when it was fetched, and how long it may be used from then.
    cache: Mutex<Option<(String, Instant, Duration)>>,
}

impl Api {
    /// The API at `base`, its token request at `auth_url` and its pushes at `send_url` (each
    /// already checked by [`crate::net::endpoint`]).
    pub fn new(
        base: &str,
        auth_url: reqwest::Url,
        send_url: reqwest::Url,
        net: &NetOptions,
    ) -> anyhow::Result<Api> {
        Ok(Api {
            http: crate::net::client_for(net, &send_url)?,
            base: base.to_owned(),
            auth_url,
            send_url,
            retries: net.retries,
            cache: Mutex::new(None),
        })
    }

    /// The token request as a form. It pushes nothing, so it is safe to repeat.
    pub async fn post_form(&self, body: &str) -> Sent {
        crate::net::post_form(&self.http, &self.auth_url, body, self.retries).await
    }

    /// A JSON push to the push URL as `--dry-run` shows it: the Bearer token masked, then the
    /// vendor's `extra` headers (Huawei, Honor, FCM).
    pub fn plan_bearer(&self, extra: &[(&str, String)], body: String) -> PlannedRequest {
        let mut headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Authorization".to_owned(), format!("Bearer {MASK}")),
        ];
        headers.extend(
            extra
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone())),
        );
        PlannedRequest {
            method: "POST",
            url: self.send_url.to_string(),
            headers,
            body,
        }
    }

    /// POSTs JSON to the push URL with `Authorization: Bearer {token}` and the vendor's `extra`
    /// headers, repeated as `repeat` allows.
    pub async fn post_bearer(
        &self,
        token: &str,
        extra: &[(&str, &str)],
        body: &str,
        repeat: Repeat,
    ) -> Sent {
        let authorization = format!("Bearer {token}");
        let mut headers = vec![("Authorization", authorization.as_str())];
        headers.extend_from_slice(extra);
        let (http, url) = (&self.http, &self.send_url);
        crate::net::post(
            http,
            url,
            "application/json",
            &headers,
            body,
            self.retries,
            repeat,
        )
        .await
    }

    /// The cached token while it may still be used, or a new one: `send` (not run when the
    /// cached token will do) makes the token request, and `read` reads its answer into the
    /// exchange, giving the token and how long it may be used. A request made adds its exchange
    /// to `exchanges`; `None` when the vendor refused it or could not be reached.
    pub async fn token(
        &self,
        vendor: Vendor,
        exchanges: &mut Vec<Exchange>,
        send: impl Future<Output = Sent>,
        read: impl FnOnce(&Reply, &mut Exchange) -> Option<(String, Duration)>,
    ) -> Option<String> {
        if let Some((token, at, usable)) = self.cache.lock().ok().and_then(|cache| cache.clone()) {
            if at.elapsed() < usable {
                return Some(token);
            }
        }
        let sent = send.await;
        let mut exchange = Exchange::new(vendor, Target::Auth, &sent);
        let token = read(&sent.reply, &mut exchange);
        exchanges.push(exchange);
        let (token, usable) = token?;
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some((token.clone(), Instant::now(), usable));
        }
        Some(token)
    }
}
