//! The one reader for files a user names: `--config`, the credential files and `{ file = … }`
//! secrets it points at, `ca-file`, `checklist --answers`, `emulate --apps`, and the app's own
//! files under `--project`. A `pushdiag.toml` in a pull request may name `/dev/zero`, a FIFO or a
//! 2 GB file; each of them must end in the same one-line error on every machine, never in memory
//! that grows until the machine says no or in a read that blocks forever. So the reader looks at
//! the kind (a regular file, else an error that says what it is) and the size before it opens the
//! file, and reads at most the kind's cap. lint-ext's inputs stream with their own limits
//! (`src/lint/limits.rs`) and may be pipes on purpose; they do not come here.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read as _;
use std::path::Path;

/// What a file is meant to be: each kind has a cap far above any real file of its kind and far
/// below what would hurt (docs/reliability.md has the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An APNs `.p8` signing key: about 250 bytes.
    ApnsKey,
    /// An APNs `.p12` or PEM certificate, with its chain: a few KB.
    Certificate,
    /// An iOS `.mobileprovision`: tens of KB.
    ProvisioningProfile,
    /// An FCM service-account JSON: about 2.3 KB.
    ServiceAccount,
    /// A `{ file = "…" }` secret: one line.
    Secret,
    /// `[apns] ca-file`: a PEM bundle (the system bundle is about 200 KB).
    CaFile,
    /// `pushdiag.toml`.
    Config,
    /// `checklist --answers`.
    Answers,
    /// `emulate --apps`: many apps and users.
    EmulatorApps,
    /// A file of the app under `--project` (manifests, Gradle, plists, `project.pbxproj`).
    ProjectFile,
}

impl FileKind {
    /// Every kind, for the docs table and its test.
    pub const ALL: [FileKind; 10] = [
        FileKind::ApnsKey,
        FileKind::Certificate,
        FileKind::ProvisioningProfile,
        FileKind::ServiceAccount,
        FileKind::Secret,
        FileKind::CaFile,
        FileKind::Config,
        FileKind::Answers,
        FileKind::EmulatorApps,
        FileKind::ProjectFile,
    ];

    /// The most bytes a file of this kind may have.
    pub fn cap(self) -> u64 {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * KIB;
        match self {
            FileKind::ApnsKey => 8 * KIB,
            FileKind::Certificate | FileKind::ServiceAccount | FileKind::Secret => 64 * KIB,
            FileKind::ProvisioningProfile
            | FileKind::CaFile
            | FileKind::Config
            | FileKind::Answers => MIB,
            FileKind::EmulatorApps => 4 * MIB,
            FileKind::ProjectFile => 16 * MIB,
        }
    }

    /// What the file is, as the too-large error names it.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::ApnsKey => "an APNs .p8 key",
            FileKind::Certificate => "an APNs certificate",
            FileKind::ProvisioningProfile => "a provisioning profile",
            FileKind::ServiceAccount => "an FCM service account",
            FileKind::Secret => "a secret file",
            FileKind::CaFile => "a CA file",
            FileKind::Config => "a pushdiag config",
            FileKind::Answers => "an answers file",
            FileKind::EmulatorApps => "an emulator apps file",
            FileKind::ProjectFile => "an app's config file",
        }
    }
}

/// Why a file was not read: one line, without the path (the caller names the file and what it
/// was meant to be).
#[derive(Debug)]
pub enum ReadError {
    /// A directory, FIFO, socket or device.
    NotAFile(&'static str),
    /// Larger than the kind's cap.
    TooLarge {
        size: u64,
        kind: FileKind,
    },
    /// Not UTF-8 where text was needed.
    NotUtf8 {
        offset: usize,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAFile("a directory") => write!(f, "it is a directory, not a file"),
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { size, kind } => write!(
                f,
                "it is {size} bytes, more than the {} that {} may have",
                human_size(kind.cap()),
                kind.name()
            ),
            ReadError::NotUtf8 { offset } => write!(f, "it is not UTF-8 (byte {offset})"),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        ReadError::Io(error)
    }
}

/// The bytes of the regular file at `path` (symlinks followed), at most `kind.cap()` of them.
pub fn read(path: &Path, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    regular(&meta)?;
    if meta.len() > kind.cap() {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            kind,
        });
    }
    let bytes = read_at_most(path, kind.cap() + 1)?;
    // The file grew between the look and the read (a log, a swapped file): still bounded.
    if bytes.len() as u64 > kind.cap() {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            kind,
        });
    }
    Ok(bytes)
}

/// `read` as UTF-8 text.
pub fn read_text(path: &Path, kind: FileKind) -> Result<String, ReadError> {
    String::from_utf8(read(path, kind)?).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The first `limit` bytes of the regular file at `path`, however large it is: for a look at a
/// file before deciding whether it is one to read (a uni-app's `manifest.json` or another tool's).
pub fn peek(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    regular(&std::fs::metadata(path)?)?;
    read_at_most(path, limit)
}

fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path)?;
    // Look again at what was opened: the path may have been swapped since.
    let meta = file.metadata()?;
    regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A regular file, or what it is instead. Opening a FIFO blocks until a writer comes and a device
/// like `/dev/zero` never ends, so neither is opened.
fn regular(meta: &Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ReadError::NotAFile("a directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Err(ReadError::NotAFile("a FIFO (named pipe)"));
        }
        if kind.is_socket() {
            return Err(ReadError::NotAFile("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(ReadError::NotAFile("a device"));
        }
    }
    Err(ReadError::NotAFile("not a file"))
}

/// `8 KiB`, `16 MiB`: the caps are whole units.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    if bytes >= KIB * KIB && bytes.is_multiple_of(KIB * KIB) {
        format!("{} MiB", bytes / (KIB * KIB))
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_file_over_the_cap_is_refused_without_reading_it() {
        // Issue 17: a 2 GB file named by the config was read whole before any check.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("AuthKey.p8");
        File::create(&path)
            .and_then(|f| f.set_len(2 << 30))
            .expect("sparse file");
        let error = read(&path, FileKind::ApnsKey).expect_err("too large");
        assert_eq!(
            error.to_string(),
            "it is 2147483648 bytes, more than the 8 KiB that an APNs .p8 key may have"
        );
        let head = peek(&path, 16).expect("a prefix");
        assert_eq!(head, vec![0; 16]);
    }

    #[test]
    fn directories_and_devices_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = read(dir.path(), FileKind::Config).expect_err("a directory");
        assert_eq!(error.to_string(), "it is a directory, not a file");
        #[cfg(unix)]
        {
            let error = read(Path::new("/dev/zero"), FileKind::Secret).expect_err("a device");
            assert_eq!(error.to_string(), "it is a device, not a regular file");
        }
    }

    #[test]
    fn caps_print_in_whole_units() {
        assert_eq!(human_size(8 * 1024), "8 KiB");
        assert_eq!(human_size(16 << 20), "16 MiB");
        assert_eq!(human_size(1000), "1000 bytes");
    }
}
