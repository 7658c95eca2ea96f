//! The one HTTP client every vendor uses: explicit timeouts, a `pushdiag/<version>` user agent,
//! `--proxy` or else `HTTPS_PROXY` honoured (reqwest reads the variable), and `http://` allowed
//! only on loopback so a mistyped endpoint never sends credentials in clear text across a
//! network.

use std::time::{Duration, Instant};

use anyhow::Context as _;

/// Timeouts and retries for one run.
#[derive(Clone, Copy, Debug)]
pub struct NetOptions {
    pub connect_timeout: Duration,
    /// The whole request, connect to last byte.
    pub timeout: Duration,
    /// How many times a safe request is tried again after a transport failure, 5xx or 429.
    pub retries: u32,
    /// `--proxy`: every non-loopback request goes through it, overriding `HTTPS_PROXY`. A
    /// `'static` string (parsed once per run, see [`parse_proxy`]) keeps the options `Copy`, so
    /// each concurrent vendor task takes its own.
    pub proxy: Option<&'static str>,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            retries: 2,
            proxy: None,
        }
    }
}

/// Builds the shared client.
pub fn client(options: &NetOptions) -> anyhow::Result<reqwest::Client> {
    builder(options)?
        .build()
        .context("cannot set up the HTTP client")
}

/// Builds the client for one base URL: a loopback endpoint (the emulator) never goes through
/// a proxy, which could not reach this machine's loopback anyway.
pub fn client_for(options: &NetOptions, base: &reqwest::Url) -> anyhow::Result<reqwest::Client> {
    builder_for(options, base)?
        .build()
        .context("cannot set up the HTTP client")
}

/// The shared settings for one base URL, for a vendor that needs more (APNs: HTTP/2, a client
/// certificate, an extra CA) before it builds its client. A loopback endpoint (the emulator)
/// never goes through a proxy.
pub fn builder_for(
    options: &NetOptions,
    base: &reqwest::Url,
) -> anyhow::Result<reqwest::ClientBuilder> {
    if is_loopback(base) {
        Ok(plain_builder(options).no_proxy())
    } else {
        builder(options)
    }
}

fn builder(options: &NetOptions) -> anyhow::Result<reqwest::ClientBuilder> {
    let builder = plain_builder(options);
    let Some(proxy) = options.proxy else {
        return Ok(builder);
    };
    // The URL was checked by `parse_proxy`; the error names the flag, never the URL, which
    // may carry a password.
    let proxy = reqwest::Proxy::all(proxy).context("--proxy is not a usable proxy URL")?;
    Ok(builder.proxy(proxy))
}

fn plain_builder(options: &NetOptions) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(concat!("pushdiag/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
}

/// Checks a `--proxy` value: an `http://` or `https://` URL with a host. The string lives for
/// the rest of the run (one small allocation per run), so [`NetOptions`] stays `Copy`.
pub fn parse_proxy(text: &str) -> Result<&'static str, String> {
    let url = reqwest::Url::parse(text.trim()).map_err(|error| {
        format!("not a proxy URL ({error}); write e.g. http://proxy.example:3128")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the proxy scheme `{}` is not supported; use http:// or https://",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the proxy URL has no host".to_owned());
    }
    Ok(Box::leak(text.trim().to_owned().into_boxed_str()))
}

/// Parses a duration as people write it: `1500ms`, `2s`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, millis_per_unit) = if let Some(n) = text.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000)
    } else {
        (text, 1000)
    };
    let n: u64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (write e.g. 1500ms, 2s or 2)"))?;
    if n == 0 {
        return Err(format!("`{text}`: a timeout must be longer than zero"));
    }
    Ok(Duration::from_millis(n.saturating_mul(millis_per_unit)))
}

/// What a POST ended with, after its retries.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// The server answered with a JSON body (any status but 5xx and 429, which are retried).
    Json {
        status: u16,
        body: serde_json::Value,
    },
    /// The server answered, but the body is not JSON (garbage, truncated, a proxy's HTML page).
    NotJson { status: u16, excerpt: String },
    /// No usable answer after every try: transport errors, timeouts, 5xx or 429 each time.
    Failed { status: Option<u16>, error: String },
}

/// A POST's reply, how long it took over every try, and one log line per try.
#[derive(Clone, Debug)]
pub struct Sent {
    pub reply: Reply,
    pub elapsed: Duration,
    pub log: Vec<String>,
}

/// When a failed POST may be sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// After any transport error (timeouts and resets included), a 5xx or a 429: for an
    /// authentication, or a push the vendor de-duplicates by an id that stays the same on every
    /// try.
    Safe,
    /// Only where no push can have been accepted: the connection could not be made, or the
    /// server answered 429 or 503. For vendors that do not de-duplicate (Xiaomi): a timeout, a
    /// reset, a body cut off after the request went out or another 5xx (a gateway's 502 may
    /// follow a request the server took) is final, since a retry could push twice.
    IfNotReceived,
}

/// POSTs a JSON body, trying again after a transport error (timeouts included), a 5xx or a 429
/// (honouring `Retry-After`), up to `retries` more times; never after any other answer.
///
/// Only call this for requests that are safe to repeat: an authentication, or a push the vendor
/// de-duplicates by a request id that stays the same on every try. The log never holds the
/// headers or the body, which carry tokens and signatures.
pub async fn post_json(
    client: &reqwest::Client,
    url: &reqwest::Url,
    headers: &[(&str, &str)],
    body: &str,
    retries: u32,
) -> Sent {
    let json = "application/json";
    post(client, url, json, headers, body, retries, Repeat::Safe).await
}

/// [`post_json`] for an `application/x-www-form-urlencoded` body, with the same retries
/// and the same rule: only for requests that are safe to repeat.
pub async fn post_form(
    client: &reqwest::Client,
    url: &reqwest::Url,
    body: &str,
    retries: u32,
) -> Sent {
    let form = "application/x-www-form-urlencoded";
    post(client, url, form, &[], body, retries, Repeat::Safe).await
}

/// POSTs `body` with `headers`, trying again as `repeat` allows. The log never holds the headers
/// or the body, which carry tokens and signatures.
pub async fn post(
    client: &reqwest::Client,
    url: &reqwest::Url,
    content_type: &str,
    headers: &[(&str, &str)],
    body: &str,
    retries: u32,
    repeat: Repeat,
) -> Sent {
    let body = Some((content_type, body));
    let method = reqwest::Method::POST;
    request(client, method, url, body, headers, retries, repeat).await
}

/// GETs `url` (a read-only call, such as a credential check), trying again as [`post_json`]
/// does. The log never holds the headers or the query values' secrets: only the path is shown.
pub async fn get(
    client: &reqwest::Client,
    url: &reqwest::Url,
    headers: &[(&str, &str)],
    retries: u32,
) -> Sent {
    let method = reqwest::Method::GET;
    request(client, method, url, None, headers, retries, Repeat::Safe).await
}

async fn request(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &reqwest::Url,
    body: Option<(&str, &str)>,
    headers: &[(&str, &str)],
    retries: u32,
    repeat: Repeat,
) -> Sent {
    // A GET's query may carry a sign: the log shows the URL without it.
    let mut shown = url.clone();
    shown.set_query(None);
    let shown = crate::secret::hide_userinfo(shown.as_str()).into_owned();
    let started = Instant::now();
    let tries = retries.saturating_add(1);
    let mut log = Vec::new();
    let mut attempt = 1;
    loop {
        let (reply, received, retry_after) = try_once(client, &method, url, body, headers).await;
        // A certificate the client does not trust is refused the same way every time.
        let hopeless = matches!(&reply, Reply::Failed { error, .. } if error.ends_with(UNTRUSTED));
        let what = match &reply {
            Reply::Json { status, .. } | Reply::NotJson { status, .. } => format!("HTTP {status}"),
            Reply::Failed { error, .. } => error.clone(),
        };
        let failed = matches!(reply, Reply::Failed { .. });
        let held_back = failed && repeat == Repeat::IfNotReceived && received;
        if !failed || held_back || hopeless || attempt >= tries {
            let note = if held_back {
                "; not tried again: the request may have been received, and this vendor does not de-duplicate"
            } else {
                ""
            };
            log.push(format!(
                "try {attempt} of {tries}: {method} {shown}: {what}{note}"
            ));
            return Sent {
                reply,
                elapsed: started.elapsed(),
                log,
            };
        }
        let wait = backoff(attempt, retry_after);
        log.push(format!(
            "try {attempt} of {tries}: {method} {shown}: {what}; trying again in {} ms",
            wait.as_millis()
        ));
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// One try: the reply; whether the server may have received the request (and so acted on it)
/// although no usable answer came back; and a 429's `Retry-After`. `Reply::Failed` means "worth
/// asking again" where repeating is safe.
async fn try_once(
    client: &reqwest::Client,
    method: &reqwest::Method,
    url: &reqwest::Url,
    body: Option<(&str, &str)>,
    headers: &[(&str, &str)],
) -> (Reply, bool, Option<Duration>) {
    let mut request = client.request(method.clone(), url.clone());
    if let Some((content_type, body)) = body {
        request = request
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body.to_owned());
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            // A connect error (refused, unreachable, DNS) means no byte of the request left; a
            // connect *timeout* is reported as a timeout and counted as possibly received, to
            // stay on the safe side.
            let received = !error.is_connect() || error.is_timeout();
            let untrusted = certificate_refused(&error);
            let mut error = transport_error(&error);
            if untrusted {
                error.push_str(UNTRUSTED);
            }
            return (
                Reply::Failed {
                    status: None,
                    error,
                },
                received,
                None,
            );
        }
    };
    let status = response.status();
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        let wait = retry_after(&response);
        let error = format!("HTTP {}", status.as_u16());
        // 429 and 503 refuse the request (rate limit, overload: Huawei's flow control is a 503,
        // vendors-cn.md §4.6), so it was not carried out. Another 5xx, such as a gateway's 502
        // or 504 (Tencent IM answers 502 on a network error, apns-fcm-tim.md D.2), may come
        // after the server took the request: that one may have been received.
        let refused = status == reqwest::StatusCode::TOO_MANY_REQUESTS
            || status == reqwest::StatusCode::SERVICE_UNAVAILABLE;
        return (
            Reply::Failed {
                status: Some(status.as_u16()),
                error,
            },
            !refused,
            wait,
        );
    }
    let status = status.as_u16();
    match response.bytes().await {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(body) => (Reply::Json { status, body }, true, None),
            Err(_) => (
                Reply::NotJson {
                    status,
                    excerpt: excerpt(&bytes),
                },
                true,
                None,
            ),
        },
        // The body broke off (a reset or a timeout while reading): the answer is lost, as with
        // a transport error, and as safe to ask again.
        Err(error) => (
            Reply::Failed {
                status: Some(status),
                error: format!("HTTP {status}, then {}", transport_error(&error)),
            },
            true,
            None,
        ),
    }
}

/// Said after a TLS error about the server's certificate; such a try is not repeated.
pub const UNTRUSTED: &str =
    "; the server's certificate is not trusted, so trying again cannot help";

/// True when TLS refused the server's certificate (an unknown issuer, an expired or wrong-name
/// certificate): the same answer every time, so not worth a retry.
pub fn certificate_refused(error: &reqwest::Error) -> bool {
    std::error::Error::source(error).is_some_and(untrusted_in)
}

/// Looks through `error`, the errors `io::Error`s wrap (hyper wraps rustls's error in two of
/// them, and `io::Error::source` skips the inner one), and the source chain.
fn untrusted_in(error: &(dyn std::error::Error + 'static)) -> bool {
    use tokio_rustls::rustls;
    if let Some(tls) = error.downcast_ref::<rustls::Error>() {
        return matches!(tls, rustls::Error::InvalidCertificate(_));
    }
    if let Some(inner) = error
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        let inner: &(dyn std::error::Error + 'static) = inner;
        if untrusted_in(inner) {
            return true;
        }
    }
    error.source().is_some_and(untrusted_in)
}

/// A transport error in one line, with its causes, for vendors that send on their own (APNs).
pub fn describe_error(error: &reqwest::Error) -> String {
    transport_error(error)
}

/// A transport error in one line, with its causes (reqwest's `Display` shows only the top).
fn transport_error(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timed out (no answer)".to_owned();
    }
    let mut text = if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "the connection failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = std::fmt::Write::write_fmt(&mut text, format_args!(": {cause}"));
        source = cause.source();
    }
    text
}

/// The start of a body that is not JSON, printable, for a message.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut short: String = text
        .chars()
        .take(80)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > 80 {
        short.push('…');
    }
    short
}

/// Joins a vendor's base URL and a documented path, checking the scheme: `https://` anywhere,
/// `http://` only on loopback (the emulator, a local proxy).
pub fn endpoint(base: &str, path: &str) -> anyhow::Result<reqwest::Url> {
    let shown = crate::secret::hide_userinfo(base);
    let url = reqwest::Url::parse(&format!("{}{path}", base.trim_end_matches('/')))
        .with_context(|| format!("`{shown}` is not a valid endpoint URL"))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => anyhow::bail!(
            "`{shown}` uses http:// on a non-loopback host; only https:// may leave this machine"
        ),
        other => anyhow::bail!("`{shown}` has the scheme `{other}`; use https://"),
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
    fn proxies_are_http_urls_with_a_host() {
        assert_eq!(
            parse_proxy("http://127.0.0.1:3128"),
            Ok("http://127.0.0.1:3128")
        );
        assert!(parse_proxy("https://user:pw@proxy.example").is_ok());
        let error = parse_proxy("socks5://127.0.0.1:1080").expect_err("socks");
        assert!(error.contains("socks5"), "{error}");
        assert!(parse_proxy("proxy.example:3128").is_err());
        // The error for a bad URL never repeats the URL, which may hold a password.
        let error = parse_proxy("http://user:hunter2@[bad").expect_err("bad host");
        assert!(!error.contains("hunter2"), "{error}");
    }

    #[test]
    fn durations_as_people_write_them() {
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration(" 3 "), Ok(Duration::from_secs(3)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("fast").is_err());
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
