//! What kind of private key a DER blob holds, and the public key that belongs to it. The key bytes
//! are secret: nothing here implements `Debug` or puts them in a message.

use p256::elliptic_curve::sec1::ToEncodedPoint as _;
use p256::pkcs8::{DecodePrivateKey as _, ObjectIdentifier, PrivateKeyInfo};
use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPublicKey as _};

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const PRIME256V1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// The algorithm of a PKCS#8 private key, as far as the checks care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum KeyKind {
    /// EC on P-256 (prime256v1), the only kind APNs accepts for token auth.
    P256,
    Rsa,
    /// EC on another curve; the curve's name (or OID when unknown).
    OtherCurve(String),
    /// Another algorithm; its name (or OID when unknown).
    Other(String),
}

impl KeyKind {
    /// How a message names the kind: "an RSA key", "an EC key on secp384r1", ...
    pub(super) fn describe(&self) -> String {
        match self {
            KeyKind::P256 => "an EC key on P-256".to_owned(),
            KeyKind::Rsa => "an RSA key".to_owned(),
            KeyKind::OtherCurve(curve) => format!("an EC key on {curve}, not P-256 (prime256v1)"),
            KeyKind::Other(algorithm) => format!("a key of another algorithm ({algorithm})"),
        }
    }
}

/// The kind of key in a PKCS#8 `PrivateKeyInfo`; `None` when the DER does not decode.
pub(super) fn pkcs8_kind(der: &[u8]) -> Option<KeyKind> {
    let info = PrivateKeyInfo::try_from(der).ok()?;
    let oid = info.algorithm.oid;
    Some(if oid == EC_PUBLIC_KEY {
        match info.algorithm.parameters_oid() {
            Ok(curve) if curve == PRIME256V1 => KeyKind::P256,
            Ok(curve) => KeyKind::OtherCurve(curve_name(&curve.to_string())),
            Err(_) => KeyKind::OtherCurve("an unnamed curve".to_owned()),
        }
    } else if oid == RSA_ENCRYPTION {
        KeyKind::Rsa
    } else {
        KeyKind::Other(algorithm_name(&oid.to_string()))
    })
}

fn curve_name(oid: &str) -> String {
    match oid {
        "1.3.132.0.34" => "secp384r1 (P-384)".to_owned(),
        "1.3.132.0.35" => "secp521r1 (P-521)".to_owned(),
        "1.3.132.0.10" => "secp256k1".to_owned(),
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1".to_owned(),
        other => other.to_owned(),
    }
}

fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.3.101.112" => "Ed25519".to_owned(),
        "1.3.101.113" => "Ed448".to_owned(),
        "1.3.101.110" => "X25519".to_owned(),
        "1.2.840.10040.4.1" => "DSA".to_owned(),
        "1.2.840.113549.1.1.10" => "RSA-PSS".to_owned(),
        other => other.to_owned(),
    }
}

/// True when `der` is a PKCS#8 P-256 key whose scalar is valid.
pub(super) fn p256_key_is_valid(der: &[u8]) -> bool {
    p256::SecretKey::from_pkcs8_der(der).is_ok()
}

/// True when `der` is a PKCS#8 RSA key that decodes (modulus, exponents, primes).
pub(super) fn rsa_pkcs8_is_valid(der: &[u8]) -> bool {
    rsa::RsaPrivateKey::from_pkcs8_der(der).is_ok()
}

/// A private key found next to a certificate, in the encoding it came in.
pub(super) enum PrivateKeyDer {
    Pkcs8(Vec<u8>),
    /// `BEGIN RSA PRIVATE KEY`.
    Pkcs1(Vec<u8>),
    /// `BEGIN EC PRIVATE KEY`.
    Sec1(Vec<u8>),
    /// `BEGIN ENCRYPTED PRIVATE KEY` or a legacy encrypted PEM: present, but unreadable here.
    Encrypted,
}

impl PrivateKeyDer {
    /// The public key that belongs to this private key, encoded as a certificate's
    /// `subjectPublicKey` bits hold it (uncompressed and compressed point for EC); `None` when the
    /// key's kind is not one pushdiag can derive (then it cannot tell whether the key matches).
    pub(super) fn public_keys(&self) -> Option<Vec<Vec<u8>>> {
        match self {
            PrivateKeyDer::Pkcs8(der) => match pkcs8_kind(der)? {
                KeyKind::P256 => p256_points(&p256::SecretKey::from_pkcs8_der(der).ok()?),
                KeyKind::Rsa => rsa_public(&rsa::RsaPrivateKey::from_pkcs8_der(der).ok()?),
                KeyKind::OtherCurve(_) | KeyKind::Other(_) => None,
            },
            PrivateKeyDer::Pkcs1(der) => rsa_public(&rsa::RsaPrivateKey::from_pkcs1_der(der).ok()?),
            PrivateKeyDer::Sec1(der) => p256_points(&p256::SecretKey::from_sec1_der(der).ok()?),
            PrivateKeyDer::Encrypted => None,
        }
    }
}

fn p256_points(key: &p256::SecretKey) -> Option<Vec<Vec<u8>>> {
    let public = key.public_key();
    Some(vec![
        public.to_encoded_point(false).as_bytes().to_vec(),
        public.to_encoded_point(true).as_bytes().to_vec(),
    ])
}

fn rsa_public(key: &rsa::RsaPrivateKey) -> Option<Vec<Vec<u8>>> {
    let document = key.to_public_key().to_pkcs1_der().ok()?;
    Some(vec![document.as_bytes().to_vec()])
}
