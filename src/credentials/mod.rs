//! Offline checks of push credentials: the APNs `.p8` signing key and `.p12`/PEM certificate, and
//! the FCM service-account JSON. Each check reads its files, returns findings for what is wrong
//! in them and failures for what could not be read; it never prints and never formats a secret.

mod apns;
mod apns_cert;
mod der;
mod fcm;
mod keys;

#[cfg(test)]
mod apns_cert_tests;
#[cfg(test)]
mod apns_tests;
#[cfg(test)]
mod fcm_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;

use std::path::Path;

use anyhow::Context as _;

use crate::files::FileKind;
use crate::findings::{Finding, Location};

pub use apns::{check_apns, ApnsEnvironment, ApnsFacts, ApnsInput, CertEnvironment};
pub use fcm::{check_fcm, FcmInput};

/// What a credentials check returns: facts it learned (for other checks and `--print-config`),
/// findings (the credential was read and something in it is wrong: exit 1) and failures (a file
/// could not be read at all: exit 2).
pub struct CheckOutput<F> {
    pub facts: F,
    pub findings: Vec<Finding>,
    pub failures: Vec<anyhow::Error>,
}

impl<F> CheckOutput<F> {
    fn new(facts: F) -> Self {
        CheckOutput {
            facts,
            findings: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// A credential file's bytes; `None` when it does not read, with the failure (naming the
    /// file and `what` it was meant to be) recorded.
    fn read(&mut self, path: &Path, what: &str, kind: FileKind) -> Option<Vec<u8>> {
        crate::files::read(path, kind)
            .with_context(|| format!("cannot read {what} `{}`", path.display()))
            .map_err(|error| self.failures.push(error))
            .ok()
    }
}

/// The location of a whole file: its path, line 1, column 1.
fn file_location(path: &Path) -> Location {
    Location {
        source: path.display().to_string().into(),
        line: 1,
        column: 1,
        offset: 0,
        pointer: String::new(),
    }
}

/// Points `finding` at `location` when there is one (values from env or defaults have none).
fn at_opt(mut finding: Finding, location: Option<&Location>) -> Finding {
    finding.location = location.cloned();
    finding
}

/// A credential file the config points at that does not exist: a `credential-missing` finding at
/// the config key (the fix is in the config or on disk), not a failure to run.
fn file_missing(
    vendor: crate::vendor::Vendor,
    file: &crate::findings::Located<std::path::PathBuf>,
    key: &str,
    what: &str,
    help: &str,
) -> Option<Finding> {
    if file.value.exists() {
        return None;
    }
    let finding = Finding::new(
        crate::findings::Rule::CredentialMissing,
        format!(
            "`{}.{key}` points at `{}`, which does not exist: no {what} to check",
            vendor.id(),
            file.value.display()
        ),
    )
    .vendor(vendor)
    .help(help.to_owned());
    Some(at_opt(finding, file.location.as_ref()))
}
