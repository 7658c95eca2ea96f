//! The emulated Tencent IM server's UserSig check (TLSSigAPIv2, `apns-fcm-tim.md` D.3), written
//! apart from the client's signer so that the two cannot share a mistake: it is tested against
//! UserSigs made by Tencent's own libraries (`usersig/tests.rs`).
//!
//! A UserSig is `zlib(JSON)` in base64 whose `+`, `/` and `=` are written `*`, `-` and `_`. The
//! JSON holds `TLS.ver`, `TLS.identifier`, `TLS.sdkappid`, `TLS.expire`, `TLS.time`, `TLS.sig`
//! and, optionally, `TLS.userbuf`; `TLS.sig` is the standard base64 of HMAC-SHA256, keyed by the
//! secret key's UTF-8, over `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n`
//! (then `TLS.userbuf:…\n` when there is one).

use std::io::Read as _;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::secret::Secret;

/// An inflated UserSig larger than this is not one (they are a few hundred bytes).
const MAX_DOCUMENT: u64 = 16 * 1024;

/// Why the server refuses a UserSig, with the REST error code it answers (D.10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// 70002: the request has no UserSig.
    Missing,
    /// 70003: it is not base64 of zlib of the JSON document (a truncated copy, typically).
    Malformed(&'static str),
    /// 70014: made for another SDKAppID.
    OtherApp,
    /// 70013: made for another UserID than the request's `identifier`.
    OtherUser,
    /// 70001: `TLS.time + TLS.expire` has passed.
    Expired { at: u64 },
    /// 70009: the HMAC is not the one this app's secret key makes.
    WrongSignature,
}

impl Refusal {
    pub(super) fn code(&self) -> i64 {
        match self {
            Refusal::Missing => 70002,
            Refusal::Malformed(_) => 70003,
            Refusal::OtherApp => 70014,
            Refusal::OtherUser => 70013,
            Refusal::Expired { .. } => 70001,
            Refusal::WrongSignature => 70009,
        }
    }

    /// The `ErrorInfo` (Tencent's exact texts are not recorded; these say the same).
    pub(super) fn info(&self) -> String {
        match self {
            Refusal::Missing => "usersig is empty".to_owned(),
            Refusal::Malformed(what) => format!("usersig check failed: {what}"),
            Refusal::OtherApp => "sdkappid does not match the usersig".to_owned(),
            Refusal::OtherUser => "identifier does not match the usersig".to_owned(),
            Refusal::Expired { at } => format!("usersig expired at {at}"),
            Refusal::WrongSignature => "usersig verification failed".to_owned(),
        }
    }
}

/// The fields of the document the check reads.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Claims {
    pub(super) identifier: String,
    pub(super) sdk_app_id: u64,
    pub(super) time: u64,
    pub(super) expire: u64,
    userbuf: Option<String>,
    sig: String,
}

/// Reads a UserSig without judging it: undo the character swaps, base64, inflate, parse.
pub(super) fn open(usersig: &str) -> Result<Claims, Refusal> {
    let usersig = usersig.trim();
    if usersig.is_empty() {
        return Err(Refusal::Missing);
    }
    let standard: String = usersig
        .chars()
        .map(|c| match c {
            '*' => '+',
            '-' => '/',
            '_' => '=',
            other => other,
        })
        .collect();
    let deflated = STANDARD
        .decode(standard)
        .map_err(|_| Refusal::Malformed("not base64"))?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(deflated.as_slice())
        .take(MAX_DOCUMENT)
        .read_to_end(&mut json)
        .map_err(|_| Refusal::Malformed("not zlib data (truncated?)"))?;
    let document: Value =
        serde_json::from_slice(&json).map_err(|_| Refusal::Malformed("not JSON"))?;
    let text = |name: &str| {
        document
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let number = |name: &str| document.get(name).and_then(Value::as_u64);
    let missing = Refusal::Malformed("not the TLS JSON document");
    Ok(Claims {
        identifier: text("TLS.identifier").ok_or(missing.clone())?,
        sdk_app_id: number("TLS.sdkappid").ok_or(missing.clone())?,
        time: number("TLS.time").ok_or(missing.clone())?,
        expire: number("TLS.expire").ok_or(missing.clone())?,
        userbuf: text("TLS.userbuf"),
        sig: text("TLS.sig").ok_or(missing)?,
    })
}

/// Judges a UserSig as the server does, in the order Tencent's `VerifyUserSig` does: the app,
/// the user, the expiry at `now` (epoch seconds), then the HMAC with the app's secret key.
pub(super) fn check(
    usersig: &str,
    secret_key: &Secret,
    sdk_app_id: u64,
    identifier: &str,
    now: u64,
) -> Result<Claims, Refusal> {
    let claims = open(usersig)?;
    if claims.sdk_app_id != sdk_app_id {
        return Err(Refusal::OtherApp);
    }
    if claims.identifier != identifier {
        return Err(Refusal::OtherUser);
    }
    let at = claims.time.saturating_add(claims.expire);
    if now > at {
        return Err(Refusal::Expired { at });
    }
    let mut signed = format!(
        "TLS.identifier:{}\nTLS.sdkappid:{}\nTLS.time:{}\nTLS.expire:{}\n",
        claims.identifier, claims.sdk_app_id, claims.time, claims.expire
    );
    if let Some(userbuf) = &claims.userbuf {
        signed.push_str(&format!("TLS.userbuf:{userbuf}\n"));
    }
    let sent = STANDARD
        .decode(&claims.sig)
        .map_err(|_| Refusal::WrongSignature)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes())
        .map_err(|_| Refusal::WrongSignature)?;
    mac.update(signed.as_bytes());
    // `verify_slice` compares in constant time.
    mac.verify_slice(&sent)
        .map_err(|_| Refusal::WrongSignature)?;
    Ok(claims)
}

#[cfg(test)]
mod tests;
