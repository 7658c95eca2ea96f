//! The APNs provider token (`apns-fcm-tim.md` A.3): a JWT with header `{"alg":"ES256","kid":KEY}`
//! and claims `{"iss":TEAM,"iat":SECONDS}`, signed with the `.p8` key (ECDSA P-256, SHA-256, the
//! 64-byte `r || s` form JWS uses). Apple wants it refreshed no more than once every 20 minutes
//! and no less than once every 60: [`ProviderToken`] signs once and reuses the token for 40
//! minutes (bergusman's choice, safely inside both bounds), so a run never re-signs per request.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};

/// How long a signed token is reused before a new one is signed.
pub const REFRESH_AFTER: Duration = Duration::from_secs(40 * 60);

/// The token for `key_id` and `team_id`, issued at `iat` (Unix seconds). Deterministic: p256
/// signs with RFC 6979 nonces, so the same inputs give the same token (tests rely on it).
pub fn sign(key: &SigningKey, key_id: &str, team_id: &str, iat: i64) -> String {
    let header = serde_json::json!({ "alg": "ES256", "kid": key_id });
    let claims = serde_json::json!({ "iss": team_id, "iat": iat });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature: Signature = key.sign(signing_input.as_bytes());
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    )
}

/// The signing key from a `.p8` (PKCS#8 PEM, P-256). The error never quotes the key.
pub fn load_key(pem: &str) -> anyhow::Result<SigningKey> {
    use p256::pkcs8::DecodePrivateKey as _;
    let key = p256::SecretKey::from_pkcs8_pem(pem.trim()).map_err(|_| {
        anyhow::anyhow!("it is not a PKCS#8 PEM EC key on P-256 (`check-config` says what it is)")
    })?;
    Ok(SigningKey::from(key))
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A provider token signed once and reused until [`REFRESH_AFTER`] has passed.
pub struct ProviderToken {
    key: SigningKey,
    key_id: String,
    team_id: String,
    cached: Mutex<Option<(String, Instant)>>,
}

impl ProviderToken {
    pub fn new(key: SigningKey, key_id: &str, team_id: &str) -> ProviderToken {
        ProviderToken {
            key,
            key_id: key_id.trim().to_owned(),
            team_id: team_id.trim().to_owned(),
            cached: Mutex::new(None),
        }
    }

    /// The current token: the cached one while it is younger than [`REFRESH_AFTER`], else a
    /// newly signed one. The flag says whether it was signed by this call (for `-v`).
    pub fn get(&self) -> (String, bool) {
        let mut cached = self
            .cached
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((token, signed)) = cached.as_ref() {
            if signed.elapsed() < REFRESH_AFTER {
                return (token.clone(), false);
            }
        }
        let token = sign(&self.key, &self.key_id, &self.team_id, now());
        *cached = Some((token.clone(), Instant::now()));
        (token, true)
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn team_id(&self) -> &str {
        &self.team_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed test key (scalar = SHA-256 of a label), not a credential.
    fn key() -> SigningKey {
        use sha2::Digest as _;
        let scalar = sha2::Sha256::digest(b"pushdiag apns jwt unit test");
        SigningKey::from_slice(&scalar).expect("a valid scalar")
    }

    #[test]
    fn token_verifies_with_an_independent_es256_verifier() {
        // Verified with the `jsonwebtoken` crate (ring's ECDSA), not with p256, which signed it.
        use p256::pkcs8::EncodePublicKey as _;
        let key = key();
        let token = sign(&key, "ABCDE12345", "FGHIJ67890", 1_700_000_000);
        let public = key
            .verifying_key()
            .to_public_key_pem(p256::pkcs8::LineEnding::LF)
            .expect("pem");
        let decoding = jsonwebtoken::DecodingKey::from_ec_pem(public.as_bytes()).expect("key");
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let data = jsonwebtoken::decode::<serde_json::Value>(&token, &decoding, &validation)
            .expect("the signature verifies");
        assert_eq!(data.header.kid.as_deref(), Some("ABCDE12345"));
        assert_eq!(data.header.alg, jsonwebtoken::Algorithm::ES256);
        assert_eq!(
            data.claims,
            serde_json::json!({"iss": "FGHIJ67890", "iat": 1_700_000_000})
        );
        // Exactly the two header fields and two claims Apple documents, nothing else.
        let header = token.split('.').next().expect("header");
        assert_eq!(
            URL_SAFE_NO_PAD.decode(header).expect("b64"),
            br#"{"alg":"ES256","kid":"ABCDE12345"}"#
        );
    }

    #[test]
    fn a_token_is_reused_not_re_signed_per_request() {
        let provider = ProviderToken::new(key(), "ABCDE12345", "FGHIJ67890");
        let (first, signed) = provider.get();
        assert!(signed);
        let (second, signed_again) = provider.get();
        assert!(!signed_again);
        assert_eq!(first, second);
    }

    #[test]
    fn a_key_that_is_not_p256_pkcs8_is_refused_without_quoting_it() {
        let error = load_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .expect_err("not a key");
        assert!(!error.to_string().contains("AAAA"), "{error}");
    }
}
