//! The one HTTP client every vendor uses: explicit timeouts, a `pushdiag/<version>` user agent,
//! `HTTPS_PROXY` honoured (reqwest reads it), and `http://` allowed only on loopback so a
//! mistyped endpoint never sends credentials in clear text across a network.

use std::time::Duration;

use anyhow::Context as _;

/// Timeouts and retries for one run.
#[derive(Clone, Copy, Debug)]
pub struct NetOptions {
    pub connect_timeout: Duration,
    /// The whole request, connect to last byte.
    pub timeout: Duration,
    /// How many times a safe request is tried again after a transport failure, 5xx or 429.
    pub retries: u32,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            retries: 2,
        }
    }
}

/// Builds the shared client.
pub fn client(options: &NetOptions) -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(concat!("pushdiag/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .build()
        .context("cannot set up the HTTP client")
}

/// Joins a vendor's base URL and a documented path, checking the scheme: `https://` anywhere,
/// `http://` only on loopback (the emulator, a local proxy).
pub fn endpoint(base: &str, path: &str) -> anyhow::Result<reqwest::Url> {
    let url = reqwest::Url::parse(&format!("{}{path}", base.trim_end_matches('/')))
        .with_context(|| format!("`{base}` is not a valid endpoint URL"))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => anyhow::bail!(
            "`{base}` uses http:// on a non-loopback host; only https:// may leave this machine"
        ),
        other => anyhow::bail!("`{base}` has the scheme `{other}`; use https://"),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host == "localhost",
    }
}

/// How long to wait before try `attempt` (1-based): 250 ms, 500 ms, 1 s …, or what a 429's
/// `Retry-After` asked for, capped at 10 s.
pub fn backoff(attempt: u32, retry_after: Option<Duration>) -> Duration {
    let exponential =
        Duration::from_millis(250u64.saturating_mul(1 << attempt.saturating_sub(1).min(6)));
    retry_after
        .unwrap_or(exponential)
        .min(Duration::from_secs(10))
}

/// `Retry-After` in seconds, if the response has one.
pub fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_on_loopback() {
        assert!(endpoint("http://127.0.0.1:7700/vivo", "/message/auth").is_ok());
        assert!(endpoint("http://localhost:1/", "/x").is_ok());
        assert!(endpoint("http://[::1]:1", "/x").is_ok());
        assert_eq!(
            endpoint("https://api-push.vivo.com.cn", "/message/auth")
                .expect("https")
                .as_str(),
            "https://api-push.vivo.com.cn/message/auth"
        );
        let error = endpoint("http://10.0.0.5/vivo", "/x").expect_err("not loopback");
        assert!(error.to_string().contains("only https://"), "{error}");
        assert!(endpoint("ftp://127.0.0.1", "/x").is_err());
        assert_eq!(
            endpoint("http://127.0.0.1:7700/vivo/", "/message/send")
                .expect("ok")
                .path(),
            "/vivo/message/send"
        );
    }

    #[test]
    fn backoff_grows_and_honours_retry_after() {
        assert_eq!(backoff(1, None), Duration::from_millis(250));
        assert_eq!(backoff(3, None), Duration::from_secs(1));
        assert_eq!(
            backoff(2, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            backoff(2, Some(Duration::from_secs(300))),
            Duration::from_secs(10)
        );
    }
}
