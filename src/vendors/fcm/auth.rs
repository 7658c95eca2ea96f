//! The OAuth 2.0 JWT-bearer flow (`apns-fcm-tim.md` B.2): an assertion with header
//! `{"alg":"RS256","typ":"JWT","kid":<private_key_id>}` and claims `iss` (the service account's
//! email), `scope`, `aud` (Google's token URL), `iat` and `exp` (an hour later), signed RSASSA
//! PKCS#1 v1.5 with SHA-256; posted as a form `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
//! &assertion=<JWT>` to the service account's `token_uri`, answered with `{access_token,
//! expires_in, token_type}` (cached until 5 minutes before it expires) or an `error` body.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::signature::{SignatureEncoding as _, Signer as _};
use serde_json::{Map, Value};

use super::{Client, SCOPE};
use crate::findings::Finding;
use crate::secret::{Secret, MASK};
use crate::vendor::Vendor;
use crate::vendors::oauth::{OAuthClient, Provider};
use crate::vendors::refusal;
use crate::vendors::token_client::Api;

const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// Google allows at most an hour between `iat` and `exp` (B.2).
const LIFETIME_SECS: i64 = 3600;

/// The private key, PKCS#8 PEM (the service account's `private_key`). Never quoted in errors.
pub fn load_key(pem: &Secret) -> anyhow::Result<rsa::RsaPrivateKey> {
    rsa::RsaPrivateKey::from_pkcs8_pem(pem.expose().trim()).map_err(|_| {
        anyhow::anyhow!(
            "the service account's private_key is not a PKCS#8 RSA key (`check-config` explains)"
        )
    })
}

/// The signed assertion. Deterministic (PKCS#1 v1.5 has no randomness), so tests can compare it
/// with an independent signer's.
pub fn sign_assertion(
    key: &rsa::RsaPrivateKey,
    key_id: &str,
    client_email: &str,
    audience: &str,
    iat: i64,
) -> String {
    let mut header = serde_json::json!({ "alg": "RS256", "typ": "JWT" });
    if !key_id.is_empty() {
        header["kid"] = Value::from(key_id);
    }
    let claims = serde_json::json!({
        "iss": client_email,
        "scope": SCOPE,
        "aud": audience,
        "iat": iat,
        "exp": iat + LIFETIME_SECS,
    });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let signature = signer.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

impl OAuthClient for Client {
    const PROVIDER: Provider = Provider {
        vendor: Vendor::Fcm,
        credential: "service-account",
        refused,
    };

    fn api(&self) -> &Api {
        &self.api
    }

    fn auth_body(&self, masked: bool) -> String {
        let assertion = if masked {
            MASK.to_owned()
        } else {
            let account = &self.app.account;
            // Google's own libraries (google-auth) put Google's token URL in `aud` whatever
            // `token_uri` says; the token endpoint checks it.
            sign_assertion(
                &self.key,
                &account.private_key_id,
                &account.client_email,
                super::GOOGLE_TOKEN_URI,
                crate::vendors::apns::jwt::now(),
            )
        };
        crate::vendors::form(&[("grant_type", GRANT_TYPE), ("assertion", &assertion)])
    }
}

/// A refused token request (B.2): `invalid_grant` "Invalid JWT Signature." (a deleted, rotated
/// or revoked key), `invalid_grant` about `iat`/`exp` (the clock), `deleted_client`, ...
fn refused(status: u16, map: &Map<String, Value>, description: Option<&str>) -> Finding {
    let error = map.get("error").and_then(Value::as_str).unwrap_or("");
    let raw = refusal::raw("HTTP", format!("{status} {error}"), description);
    let text = description.unwrap_or("").to_ascii_lowercase();
    let (meaning, help) = if error == "deleted_client" {
        (
            "the service account was deleted",
            "create a new key in the Firebase console (Project settings > Service accounts) and point [fcm] service-account at it",
        )
    } else if text.contains("signature") {
        (
            "Google does not know this key: it was deleted, rotated or revoked, or client_email does not belong to it",
            "generate a new private key in the Firebase console (Project settings > Service accounts) and use that file unchanged",
        )
    } else if text.contains("iat") || text.contains("exp") || text.contains("timeframe") {
        (
            "the assertion's times were refused: this machine's clock is off",
            "set the clock right (NTP) and try again",
        )
    } else {
        (
            "Google refused the service account",
            "check [fcm] service-account: download a fresh key from the Firebase console",
        )
    };
    refusal::token_refused(
        Vendor::Fcm,
        "Google's token endpoint refused the service account",
        &raw,
        Some(meaning),
        help,
    )
}
