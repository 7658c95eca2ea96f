//! UserSig, TLSSigAPIv2 (`apns-fcm-tim.md` D.3): HMAC-SHA256 over a fixed content string with
//! the app's secret key, a small JSON document, zlib, then base64 with Tencent's character swaps
//! (`+`→`*`, `/`→`-`, `=`→`_`). Also the verifier, as Tencent's server (and Go's
//! `VerifyUserSig`) checks a UserSig: this module's tests prove with it that the official
//! library's output passes. (The emulator judges UserSigs with its own verifier,
//! `emulator::usersig`, and never imports this one.)
//!
//! A UserSig is a bearer credential for the admin account, so it is returned as a [`Secret`]:
//! it is never printed.

use std::io::{Read as _, Write as _};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::secret::Secret;

/// The lifetime pushdiag gives the UserSigs it makes: an hour, so a machine clock some minutes
/// behind Tencent's (`TLS.time` is the local clock; the server checks `now <= time + expire`)
/// does not turn a good secret key into "UserSig expired" (70001), and still short next to
/// Tencent's advice of >= 24 h for apps that cache them (D.3). pushdiag makes a fresh one per
/// run and never prints it.
pub const LIFETIME_SECS: u64 = 3600;

/// The string the HMAC covers, byte for byte as Tencent's libraries build it (D.3).
pub fn content(identifier: &str, sdk_app_id: u64, time: u64, expire: u64) -> String {
    format!(
        "TLS.identifier:{identifier}\nTLS.sdkappid:{sdk_app_id}\nTLS.time:{time}\nTLS.expire:{expire}\n"
    )
}

/// `TLS.sig`: standard base64 of the 32 raw HMAC-SHA256 bytes, keyed by the secret key's UTF-8.
pub fn signature(
    key: &Secret,
    identifier: &str,
    sdk_app_id: u64,
    time: u64,
    expire: u64,
) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.expose().as_bytes()) {
        Ok(mac) => mac,
        // HMAC takes a key of any length; this arm cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(content(identifier, sdk_app_id, time, expire).as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The JSON document inside a UserSig (D.3). `TLS.sdkappid`, `TLS.expire` and `TLS.time` are
/// numbers; Python's library writes them in this order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    #[serde(rename = "TLS.ver")]
    pub ver: String,
    #[serde(rename = "TLS.identifier")]
    pub identifier: String,
    #[serde(rename = "TLS.sdkappid")]
    pub sdk_app_id: u64,
    #[serde(rename = "TLS.expire")]
    pub expire: u64,
    #[serde(rename = "TLS.time")]
    pub time: u64,
    #[serde(rename = "TLS.sig")]
    pub sig: String,
    #[serde(
        rename = "TLS.userbuf",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub userbuf: Option<String>,
}

/// Makes a UserSig for `identifier`, signed at `time` (epoch seconds) and valid `expire` seconds.
pub fn generate(key: &Secret, sdk_app_id: u64, identifier: &str, time: u64, expire: u64) -> Secret {
    let document = Document {
        ver: "2.0".to_owned(),
        identifier: identifier.to_owned(),
        sdk_app_id,
        expire,
        time,
        sig: signature(key, identifier, sdk_app_id, time, expire),
        userbuf: None,
    };
    // A struct of strings and integers always serialises.
    let json = serde_json::to_vec(&document).unwrap_or_default();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(&json);
    let compressed = encoder.finish().unwrap_or_default();
    let text = base64::engine::general_purpose::STANDARD.encode(compressed);
    Secret::new(swap(&text, [('+', '*'), ('/', '-'), ('=', '_')]))
}

/// A UserSig made now, valid [`LIFETIME_SECS`].
pub fn generate_now(key: &Secret, sdk_app_id: u64, identifier: &str) -> Secret {
    generate(key, sdk_app_id, identifier, now(), LIFETIME_SECS)
}

/// Epoch seconds now.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn swap(text: &str, pairs: [(char, char); 3]) -> String {
    text.chars()
        .map(|c| {
            pairs
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

/// Why a UserSig is refused, each with the error code Tencent's REST API answers (D.10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 70002: no UserSig at all.
    Empty,
    /// 70003: it does not decode (base64, zlib, JSON): typically truncated.
    Undecodable(&'static str),
    /// 70001: `TLS.time + TLS.expire` is in the past.
    Expired { expired_at: u64 },
    /// 70013: the UserSig was made for another UserID than the request's `identifier`.
    IdentifierMismatch,
    /// 70014: the UserSig was made for another SDKAppID than the request's `sdkappid`.
    SdkAppIdMismatch,
    /// 70009: the HMAC does not match: signed with another key (another app's).
    BadSignature,
}

impl Refusal {
    /// The REST error code Tencent answers for it.
    pub fn code(&self) -> i64 {
        match self {
            Refusal::Empty => 70002,
            Refusal::Undecodable(_) => 70003,
            Refusal::Expired { .. } => 70001,
            Refusal::IdentifierMismatch => 70013,
            Refusal::SdkAppIdMismatch => 70014,
            Refusal::BadSignature => 70009,
        }
    }

    /// An `ErrorInfo` text in the spirit of Tencent's (its exact texts are not recorded).
    pub fn info(&self) -> String {
        match self {
            Refusal::Empty => "usersig is empty".to_owned(),
            Refusal::Undecodable(what) => format!("usersig check failed: {what}"),
            Refusal::Expired { expired_at } => format!("usersig expired at {expired_at}"),
            Refusal::IdentifierMismatch => "identifier does not match the usersig".to_owned(),
            Refusal::SdkAppIdMismatch => "sdkappid does not match the usersig".to_owned(),
            Refusal::BadSignature => "usersig verification failed".to_owned(),
        }
    }
}

/// Undoes the swaps, base64-decodes, inflates and parses a UserSig, without checking it.
pub fn decode(usersig: &str) -> Result<Document, Refusal> {
    if usersig.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    let text = swap(usersig.trim(), [('*', '+'), ('-', '/'), ('_', '=')]);
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|_| Refusal::Undecodable("not base64"))?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice())
        .take(64 * 1024)
        .read_to_end(&mut json)
        .map_err(|_| Refusal::Undecodable("not zlib data (truncated?)"))?;
    serde_json::from_slice(&json).map_err(|_| Refusal::Undecodable("not the TLS JSON document"))
}

/// Checks a UserSig as Tencent does (D.3): decode, then the SDKAppID, the identifier, the expiry
/// at `now`, and finally the HMAC recomputed with `key`.
pub fn verify(
    usersig: &str,
    key: &Secret,
    sdk_app_id: u64,
    identifier: &str,
    now: u64,
) -> Result<Document, Refusal> {
    let document = decode(usersig)?;
    if document.sdk_app_id != sdk_app_id {
        return Err(Refusal::SdkAppIdMismatch);
    }
    if document.identifier != identifier {
        return Err(Refusal::IdentifierMismatch);
    }
    let expired_at = document.time.saturating_add(document.expire);
    if now > expired_at {
        return Err(Refusal::Expired { expired_at });
    }
    let expected = match &document.userbuf {
        None => signature(key, identifier, sdk_app_id, document.time, document.expire),
        Some(userbuf) => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.expose().as_bytes())
                .map_err(|_| Refusal::BadSignature)?;
            mac.update(
                format!(
                    "{}TLS.userbuf:{userbuf}\n",
                    content(identifier, sdk_app_id, document.time, document.expire)
                )
                .as_bytes(),
            );
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
    };
    // Both are base64 of 32 bytes; compare in constant time anyway, as a verifier should.
    let same = expected.len() == document.sig.len()
        && expected
            .bytes()
            .zip(document.sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(Refusal::BadSignature);
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test key, not a real one (64 hex characters, the shape of a console secret key).
    const KEY: &str = "0000000000000000000000000000000000000000000000000000000000007e57";
    const APP: u64 = 1_400_000_001;
    const TIME: u64 = 1_700_000_000;

    /// Made by Tencent's official Python library, `tls-sig-api-v2` 1.1 from PyPI, outside the
    /// test run:
    ///
    /// ```sh
    /// python3 -m pip install tls-sig-api-v2==1.1
    /// python3 -c 'import time; time.time = lambda: 1700000000
    /// import TLSSigAPIv2
    /// print(TLSSigAPIv2.TLSSigAPIv2(1400000001, "0000000000000000000000000000000000000000000000000000000000007e57").gen_sig("administrator", 300))'
    /// ```
    const OFFICIAL: &str = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkElNyM-Myi0uKEkvyi2BKilOyEwsKMlOACgxNDCDAECqXWlGQWZQKlDE2MIAKlWTmggQMzaFKYeLFmekgK4KTQ32rKtJciisqU40yXYu8S-yMw8wicozTcgrSM5zLw12Mk4IMsl1LAgNtlWoBAY41vg__";
    /// The same UserSig made by Tencent's npm package `tls-sig-api-v2` 1.0.2, outside the test
    /// run, with `Date.now = () => 1700000000 * 1000;` then
    /// `new (require('tls-sig-api-v2').Api)(1400000001, KEY).genSig("administrator", 300)`.
    /// Its zlib stream differs from Python's (another level); the document inside is the same.
    const OFFICIAL_NPM: &str = "eJw1yssKwjAUBNB-uWspSSMKAVe2Kx9Q62tbzU299GFIgkbFfxeaOrs5Mx-Yr8vkgRYkpAmDydBJYe9J08CV6qgn523l73Y8ONVUxpACyacshsfFU4cg*XxUFhWDIYsgxR8c1SChvB4276AzF16YUm5XfiuOs3MrdGvq2-J5ysRlx5rcF8UCvj9yzTRe";
    /// `TLS.sig` inside [`OFFICIAL`] (inflated by hand with Python's zlib).
    const OFFICIAL_SIG: &str = "ScUMzxfDsxye2iErKtN3V6Xl3flpghCwWD3bR0kEtQQ=";

    #[test]
    fn signature_matches_the_official_library() {
        assert_eq!(
            signature(&Secret::new(KEY), "administrator", APP, TIME, 300),
            OFFICIAL_SIG
        );
    }

    /// zlib output may differ by level and library, so compare what is inside.
    #[test]
    fn generated_usersig_decodes_to_the_official_document() {
        let ours = generate(&Secret::new(KEY), APP, "administrator", TIME, 300);
        assert!(!ours.expose().contains(['+', '/', '=']));
        let ours = decode(ours.expose()).expect("ours decodes");
        let official = decode(OFFICIAL).expect("official decodes");
        assert_eq!(ours, official);
        assert_eq!(official.sig, OFFICIAL_SIG);
        assert_ne!(OFFICIAL, OFFICIAL_NPM, "different zlib streams");
        assert_eq!(decode(OFFICIAL_NPM).expect("npm decodes"), official);
        assert_eq!(official.ver, "2.0");
    }

    #[test]
    fn verifier_accepts_the_official_usersig_and_refuses_each_fault() {
        let key = Secret::new(KEY);
        assert!(verify(OFFICIAL, &key, APP, "administrator", TIME + 10).is_ok());
        assert!(verify(OFFICIAL_NPM, &key, APP, "administrator", TIME + 300).is_ok());
        assert_eq!(
            verify(OFFICIAL, &key, APP, "administrator", TIME + 301),
            Err(Refusal::Expired {
                expired_at: TIME + 300
            })
        );
        assert_eq!(
            verify(OFFICIAL, &key, APP, "alice", TIME).map_err(|r| r.code()),
            Err(70013)
        );
        assert_eq!(
            verify(OFFICIAL, &key, 1_400_000_002, "administrator", TIME).map_err(|r| r.code()),
            Err(70014)
        );
        let other = Secret::new("another app's key");
        assert_eq!(
            verify(OFFICIAL, &other, APP, "administrator", TIME).map_err(|r| r.code()),
            Err(70009)
        );
        assert_eq!(
            verify(&OFFICIAL[..40], &key, APP, "administrator", TIME).map_err(|r| r.code()),
            Err(70003)
        );
        assert_eq!(
            verify("", &key, APP, "administrator", TIME).map_err(|r| r.code()),
            Err(70002)
        );
        assert_eq!(
            verify("not base64 at all!", &key, APP, "administrator", TIME).map_err(|r| r.code()),
            Err(70003)
        );
    }

    #[test]
    fn our_usersig_verifies_and_is_short_lived() {
        let key = Secret::new(KEY);
        let sig = generate_now(&key, APP, "administrator");
        let document = verify(sig.expose(), &key, APP, "administrator", now()).expect("valid");
        assert_eq!(document.expire, LIFETIME_SECS);
        assert_eq!(format!("{sig}"), crate::secret::MASK);
    }
}
