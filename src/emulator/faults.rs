//! Fault injection: what `--fault SPEC` parses into, and the middleware that applies it.
//!
//! Syntax: `[PATH=]FAULT[*TIMES]`.
//! - PATH: `*` (every endpoint, the default), a vendor (`vivo` or `vivo/*`), or one endpoint
//!   (`vivo/message/send`, `xiaomi/v3/message/regid`,
//!   `meizu/garcia/api/server/push/varnished/pushByPushId`): each vendor's `ENDPOINTS`.
//! - FAULT: `delay:1500ms` (or `delay:2s`), `timeout`, `reset`, `status:503`, `429:5`
//!   (Retry-After: 5), `garbage`, `truncated`, `busy`, `goaway` (HTTP/2 only, for APNs).
//! - TIMES: how many matching requests get the fault; without it, all of them.
//!
//! The first spec that matches a request and has not run out applies, before normal handling.
//! "Refusing" faults (`status`, `429`, `busy`) answer without handling the request. "Lost answer"
//! faults (`timeout`, `reset`, `garbage`, `truncated`) let the emulator handle the request (a
//! push is accepted and recorded) and then lose or spoil the answer: that is the case in which a
//! retry must reuse the request id, and what `pushes()` lets a test check. `delay` waits, then
//! handles the request normally. `goaway` refuses too, at the HTTP/2 level: the server sends
//! GOAWAY (NO_ERROR, `{"reason":"Shutdown"}`) with a last-stream-id below the request's stream
//! and closes the connection, as a shutting-down APNs server does (see `goaway.rs`); the
//! request is not handled, so a client may retry it on a new connection. On an HTTP/1
//! connection it resets the connection without handling the request.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::table::{self, EMULATED_VENDORS};
use super::{ConnHandle, Shared};

/// One `--fault`: which endpoints, what goes wrong, how many times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultSpec {
    /// `*`, `vivo/*` or an endpoint such as `vivo/message/send` (no leading slash).
    pub path: String,
    pub fault: Fault,
    /// `None`: every matching request.
    pub times: Option<u32>,
}

/// What goes wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Wait, then answer normally.
    Delay(Duration),
    /// Handle the request, then never answer (until the emulator shuts down).
    Timeout,
    /// Handle the request, then close the connection with a TCP reset and no response.
    Reset,
    /// Answer with this HTTP status and an empty body, without handling the request.
    Status(u16),
    /// HTTP 429 with `Retry-After`, without handling the request.
    TooMany { retry_after_secs: u64 },
    /// Handle the request, then answer 200 with a body that is not JSON.
    Garbage,
    /// Handle the request, then answer 200 with the first half of the real JSON body.
    Truncated,
    /// The vendor's own "system busy" answer, as each vendor's emulator states it beside its
    /// `busy` (with the code and where the reference documents it; HTTP 500 for a vendor that
    /// documents none).
    Busy,
    /// HTTP/2 GOAWAY with a last-stream-id that excludes the request, without handling it.
    Goaway,
}

const FAULT_SYNTAX: &str =
    "delay:DURATION (e.g. delay:1500ms, delay:2s), timeout, reset, status:CODE, 429:SECONDS, \
     garbage, truncated, busy, goaway";

impl FromStr for FaultSpec {
    type Err = anyhow::Error;

    fn from_str(spec: &str) -> anyhow::Result<FaultSpec> {
        let spec = spec.trim();
        let (path, rest) = match spec.split_once('=') {
            Some((path, rest)) => (normalize_path(path)?, rest.trim()),
            None => ("*".to_owned(), spec),
        };
        let (fault, times) = match rest.rsplit_once('*') {
            Some((fault, times)) => {
                let times = times.trim();
                let n: u32 = times.parse().map_err(|_| {
                    anyhow::anyhow!(
                        "fault `{spec}`: `*{times}` is not a count (write e.g. `timeout*2`)"
                    )
                })?;
                if n == 0 {
                    anyhow::bail!(
                        "fault `{spec}`: `*0` would never fire; give a count of 1 or more"
                    );
                }
                (fault.trim(), Some(n))
            }
            None => (rest, None),
        };
        let fault = parse_fault(fault).map_err(|e| anyhow::anyhow!("fault `{spec}`: {e}"))?;
        Ok(FaultSpec { path, fault, times })
    }
}

fn normalize_path(path: &str) -> anyhow::Result<String> {
    let path = path.trim().trim_start_matches('/');
    if path.is_empty() {
        anyhow::bail!("the path before `=` is empty (use `*` for every endpoint)");
    }
    if path == "*" {
        return Ok(path.to_owned());
    }
    let (vendor, rest) = path.split_once('/').unwrap_or((path, ""));
    let Some(known) = table::by_id(vendor) else {
        let ids: Vec<&str> = EMULATED_VENDORS.iter().map(|v| v.id()).collect();
        anyhow::bail!(
            "path `{path}`: `{vendor}` is not an emulated vendor (emulated: {})",
            ids.join(", ")
        );
    };
    if rest.is_empty() || rest == "*" {
        return Ok(format!("{vendor}/*"));
    }
    let endpoints = known.endpoints;
    if !endpoints.contains(&rest) {
        anyhow::bail!(
            "path `{path}`: {vendor} has no endpoint `{rest}` (endpoints: {})",
            endpoints.join(", ")
        );
    }
    Ok(path.to_owned())
}

fn parse_fault(text: &str) -> anyhow::Result<Fault> {
    let (name, arg) = match text.split_once(':') {
        Some((name, arg)) => (name.trim(), Some(arg.trim())),
        None => (text.trim(), None),
    };
    let no_arg = |fault: Fault| match arg {
        None => Ok(fault),
        Some(arg) => Err(anyhow::anyhow!("`{name}` takes no argument, got `:{arg}`")),
    };
    match name {
        "timeout" => no_arg(Fault::Timeout),
        "reset" => no_arg(Fault::Reset),
        "garbage" => no_arg(Fault::Garbage),
        "truncated" => no_arg(Fault::Truncated),
        "busy" => no_arg(Fault::Busy),
        "goaway" => no_arg(Fault::Goaway),
        "delay" => {
            let arg = arg.ok_or_else(|| {
                anyhow::anyhow!("`delay` needs a duration: delay:1500ms or delay:2s")
            })?;
            Ok(Fault::Delay(parse_duration(arg)?))
        }
        "status" => {
            let arg = arg.ok_or_else(|| anyhow::anyhow!("`status` needs a code: status:503"))?;
            let code: u16 = arg
                .parse()
                .map_err(|_| anyhow::anyhow!("status `{arg}` is not a number"))?;
            if !(400..=599).contains(&code) {
                anyhow::bail!("status {code} is not an error status (400-599)");
            }
            Ok(Fault::Status(code))
        }
        "429" => {
            let arg = arg.ok_or_else(|| {
                anyhow::anyhow!(
                    "`429` needs the Retry-After seconds: 429:5 (or status:429 for none)"
                )
            })?;
            let retry_after_secs: u64 = arg.parse().map_err(|_| {
                anyhow::anyhow!("Retry-After `{arg}` is not a whole number of seconds")
            })?;
            Ok(Fault::TooMany { retry_after_secs })
        }
        "" => anyhow::bail!("no fault given (expected one of: {FAULT_SYNTAX})"),
        _ if name.bytes().all(|b| b.is_ascii_digit()) => {
            anyhow::bail!("write an HTTP status as `status:{name}`")
        }
        _ => anyhow::bail!("unknown fault `{name}` (expected one of: {FAULT_SYNTAX})"),
    }
}

fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let (number, unit) = if let Some(n) = text.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000)
    } else {
        anyhow::bail!("duration `{text}` needs a unit: `ms` or `s` (e.g. 1500ms)");
    };
    let n: u64 = number
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("duration `{text}` is not a whole number of ms or s"))?;
    Ok(Duration::from_millis(n.saturating_mul(unit)))
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}=", self.path)?;
        match &self.fault {
            Fault::Delay(d) => write!(f, "delay:{}ms", d.as_millis())?,
            Fault::Timeout => f.write_str("timeout")?,
            Fault::Reset => f.write_str("reset")?,
            Fault::Status(code) => write!(f, "status:{code}")?,
            Fault::TooMany { retry_after_secs } => write!(f, "429:{retry_after_secs}")?,
            Fault::Garbage => f.write_str("garbage")?,
            Fault::Truncated => f.write_str("truncated")?,
            Fault::Busy => f.write_str("busy")?,
            Fault::Goaway => f.write_str("goaway")?,
        }
        match self.times {
            Some(n) => write!(f, "*{n}"),
            None => Ok(()),
        }
    }
}

impl FaultSpec {
    /// True when this spec applies to the request path (`vivo/message/send`, no leading slash).
    pub fn matches(&self, path: &str) -> bool {
        if self.path == "*" || self.path == path {
            return true;
        }
        match self.path.strip_suffix("/*") {
            Some(vendor) => path
                .strip_prefix(vendor)
                .is_some_and(|rest| rest.starts_with('/')),
            None => false,
        }
    }
}

/// The faults of one running emulator, with what is left of each count.
#[derive(Debug)]
pub(super) struct Faults {
    specs: Vec<(FaultSpec, Option<u32>)>,
}

impl Faults {
    pub(super) fn new(specs: Vec<FaultSpec>) -> Faults {
        Faults {
            specs: specs
                .into_iter()
                .map(|spec| {
                    let left = spec.times;
                    (spec, left)
                })
                .collect(),
        }
    }

    /// The fault for this request, if any, counting it.
    pub(super) fn take(&mut self, path: &str) -> Option<Fault> {
        let (spec, left) = self
            .specs
            .iter_mut()
            .find(|(spec, left)| *left != Some(0) && spec.matches(path))?;
        if let Some(n) = left {
            *n -= 1;
        }
        Some(spec.fault.clone())
    }
}

/// The middleware: looks up a fault for the request and applies it.
/// The request path as fault specs name it: Huawei's and Honor's App ID in the send path
/// becomes `{app-id}` (`huawei/v1/{app-id}/messages:send`), and Huawei v2's project ID
/// `{project-id}`, so one spec covers every app.
fn fault_path(path: &str) -> String {
    // APNs: both environments, any device token: `apns/3/device/{token}`.
    for prefix in ["apns/3/device/", "apns-sandbox/3/device/"] {
        if path.starts_with(prefix) {
            return "apns/3/device/{token}".to_owned();
        }
    }
    if let Some(rest) = path.strip_prefix("fcm/v1/projects/") {
        if rest.ends_with("/messages:send") {
            return "fcm/v1/projects/{project}/messages:send".to_owned();
        }
    }
    for (prefix, placeholder) in [
        ("huawei/v1/", "{app-id}"),
        ("huawei/v2/", "{project-id}"),
        ("honor/api/v1/", "{app-id}"),
    ] {
        if let Some((_, endpoint)) = path.strip_prefix(prefix).and_then(|r| r.split_once('/')) {
            return format!("{prefix}{placeholder}/{endpoint}");
        }
    }
    path.to_owned()
}

pub(super) async fn apply(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let path = fault_path(request.uri().path().trim_start_matches('/'));
    // The emulator's own endpoints (`tim/_emulator/…`) are not a vendor's: no fault reaches them.
    if path.contains("/_emulator/") {
        return next.run(request).await;
    }
    let Some(fault) = super::lock(&shared.faults).take(&path) else {
        return next.run(request).await;
    };
    let conn = request
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|info| info.0.clone());
    let mut shutdown = shared.shutdown.clone();
    match fault {
        Fault::Delay(delay) => {
            tokio::select! {
                () = tokio::time::sleep(delay) => next.run(request).await,
                () = super::wait_for_shutdown(&mut shutdown) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
            }
        }
        Fault::Status(code) => StatusCode::from_u16(code)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
        Fault::TooMany { retry_after_secs } => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, HeaderValue::from(retry_after_secs))],
        )
            .into_response(),
        Fault::Busy => match path.split('/').next().and_then(table::by_id) {
            Some(emulated) => (emulated.busy)(),
            None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        Fault::Garbage => {
            let _answer = next.run(request).await;
            json_ok(Body::from(
                "<html><body>emulated garbage: this is not JSON</body></html>",
            ))
        }
        Fault::Truncated => {
            let answer = next.run(request).await;
            let bytes = axum::body::to_bytes(answer.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            let mut cut = bytes.len() / 2;
            // Cut at a UTF-8 boundary so the body is text, only incomplete.
            while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
                cut -= 1;
            }
            json_ok(Body::from(bytes.slice(..cut)))
        }
        Fault::Reset => {
            let _answer = next.run(request).await;
            if let Some(conn) = conn {
                conn.kill();
            }
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Fault::Goaway => {
            // Not handled: the GOAWAY goes out before any answer, and the connection closes.
            match conn {
                Some(conn) if conn.goaway() => {
                    super::wait_for_shutdown(&mut shutdown).await;
                }
                Some(conn) => conn.kill(),
                None => {}
            }
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Fault::Timeout => {
            let _answer = next.run(request).await;
            super::wait_for_shutdown(&mut shutdown).await;
            if let Some(conn) = conn {
                conn.kill();
            }
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn json_ok(body: Body) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests;
