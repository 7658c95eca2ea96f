//! The push certificate as a TLS client identity (`apns-fcm-tim.md` A.4): a `.p12` is opened with
//! its password and its first key and certificates become one PEM (what reqwest's rustls backend
//! takes); a PEM file holding the certificate and its key is used as it is. `check-config`
//! explains every problem with the file in detail; the errors here only say it cannot be used.

use std::path::Path;

use anyhow::Context as _;

use crate::secret::Secret;

/// The identity PEM: private key first, then the certificates.
pub fn load(path: &Path, password: Option<&Secret>) -> anyhow::Result<Secret> {
    let shown = path.display();
    let bytes = crate::files::read(path, crate::files::FileKind::Certificate)
        .with_context(|| format!("cannot read APNs certificate `{shown}`"))?;
    if let Ok(text) = std::str::from_utf8(&bytes) {
        if text.contains("-----BEGIN ") {
            if !text.contains("PRIVATE KEY-----") {
                anyhow::bail!("`{shown}` holds no private key, so it cannot authenticate to APNs (apns-cert-no-private-key: export the certificate with its key from Keychain Access)");
            }
            return Ok(Secret::new(text));
        }
    }
    let password = password.map(Secret::expose).unwrap_or("");
    let archive = p12_keystore::Pkcs12Archive::from_pkcs12(&bytes, password).map_err(|_| {
        anyhow::anyhow!("cannot open `{shown}` with the configured certificate-password (`check-config` says why)")
    })?;
    let Some(key) = archive.keys.first() else {
        anyhow::bail!("`{shown}` holds no private key, so it cannot authenticate to APNs (`check-config` explains: apns-cert-no-private-key)");
    };
    if archive.certs.is_empty() {
        anyhow::bail!("`{shown}` holds no certificate");
    }
    let mut out = pem::encode(&pem::Pem::new("PRIVATE KEY", key.key.as_der().to_vec()));
    // The key's own certificate first (bound by its local key id), then the chain.
    let mut certs: Vec<_> = archive.certs.iter().collect();
    certs.sort_by_key(|bag| {
        bag.local_key_id.is_none()
            || bag.local_key_id.as_deref() != key.local_key_id.as_ref().map(|id| id.as_ref())
    });
    for bag in certs {
        out.push_str(&pem::encode(&pem::Pem::new(
            "CERTIFICATE",
            bag.cert.as_der().to_vec(),
        )));
    }
    Ok(Secret::new(out))
}
