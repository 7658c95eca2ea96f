//! Whether git tracks a file, read from the repository's index (`.git/index`) without running
//! git: pushdiag must work where git is not installed, and reading one file is enough.
//!
//! Index versions 2, 3 and 4 (v4 compresses each path against the previous one). A `.git` that
//! is a file (a worktree or submodule: `gitdir: <path>`) is followed. Anything unexpected (no
//! repository, an unreadable or unknown index, a truncated entry) answers "don't know", and the
//! caller reports nothing: a guess here would be a false alarm about a user's repository.

use std::path::{Path, PathBuf};

/// How far up from the project folder a repository is looked for.
const MAX_UP: usize = 32;

/// Indexes bigger than this are not read (a monorepo's; the answer is then "don't know").
const MAX_INDEX_BYTES: u64 = 256 * 1024 * 1024;

/// The repository around `dir`: its working tree's top folder and its index file.
pub(super) fn find_repository(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let dir = dir.canonicalize().ok()?;
    for top in dir.ancestors().take(MAX_UP) {
        let dot_git = top.join(".git");
        let Ok(meta) = std::fs::metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return Some((top.to_path_buf(), dot_git.join("index")));
        }
        // `gitdir: ../.git/worktrees/name` (relative to the folder holding the file).
        let text = crate::files::read_text(&dot_git, crate::files::FileKind::ProjectFile).ok()?;
        let gitdir = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
        return Some((top.to_path_buf(), top.join(gitdir).join("index")));
    }
    None
}

/// True when `path` (absolute, inside the repository at `top`) is tracked; `None` when that
/// cannot be told.
pub(super) fn is_tracked(path: &Path) -> Option<bool> {
    let parent = path.parent()?;
    let (top, index) = find_repository(parent)?;
    let path = path.canonicalize().ok()?;
    let rel = path.strip_prefix(&top).ok()?;
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let rel = rel.join("/");
    if std::fs::metadata(&index).ok()?.len() > MAX_INDEX_BYTES {
        return None;
    }
    // Checked again while reading: a FIFO named `index` must not block the scan.
    let bytes = crate::files::peek(&index, MAX_INDEX_BYTES).ok()?;
    let paths = index_paths(&bytes)?;
    Some(paths.iter().any(|p| {
        p.as_slice() == rel.as_bytes()
            // A sparse index keeps a whole folder as one entry ending in `/`.
            || (p.ends_with(b"/") && rel.as_bytes().starts_with(p))
    }))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at + 2)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// The paths of every entry of an index file; `None` when it is not one pushdiag can read.
pub(super) fn index_paths(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    if bytes.get(..4)? != b"DIRC" {
        return None;
    }
    let version = u32_at(bytes, 4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = u32_at(bytes, 8)? as usize;
    // ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each), then the object id. The
    // object id is 20 bytes (SHA-1) or 32 (SHA-256); the entry count tells which fits.
    for hash in [20usize, 32] {
        if let Some(paths) = entries(bytes, version, count, hash) {
            return Some(paths);
        }
    }
    None
}

fn entries(bytes: &[u8], version: u32, count: usize, hash: usize) -> Option<Vec<Vec<u8>>> {
    let mut paths: Vec<Vec<u8>> = Vec::with_capacity(count.min(1 << 20));
    let mut at = 12;
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        let flags_at = start + 40 + hash;
        let flags = u16_at(bytes, flags_at)?;
        let mut name_at = flags_at + 2;
        if version >= 3 && flags & 0x4000 != 0 {
            name_at += 2; // extended flags
        }
        let path = if version == 4 {
            let (strip, after) = varint(bytes, name_at)?;
            let end = after + memchr::memchr(0, bytes.get(after..)?)?;
            let keep = previous.len().checked_sub(strip)?;
            let mut path = previous[..keep].to_vec();
            path.extend_from_slice(&bytes[after..end]);
            at = end + 1;
            path
        } else {
            let end = name_at + memchr::memchr(0, bytes.get(name_at..)?)?;
            let path = bytes[name_at..end].to_vec();
            // Entries are padded with NULs to a multiple of 8 bytes (1 to 8 of them).
            let len = end - start;
            at = start + (len + 8) / 8 * 8;
            path
        };
        previous.clone_from(&path);
        paths.push(path);
    }
    // What follows the entries is an extension (four letters) or the trailing checksum.
    let rest = bytes.len().checked_sub(at)?;
    let tail_ok = rest == hash
        || bytes
            .get(at..at + 4)
            .is_some_and(|sig| sig.iter().all(u8::is_ascii_alphabetic));
    tail_ok.then_some(paths)
}

/// Git's offset varint (index v4): big-endian 7-bit groups, each continuation adding one.
fn varint(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut byte = *bytes.get(at)?;
    at += 1;
    let mut value = usize::from(byte & 0x7f);
    while byte & 0x80 != 0 {
        byte = *bytes.get(at)?;
        at += 1;
        value = value.checked_add(1)?.checked_shl(7)? | usize::from(byte & 0x7f);
    }
    Some((value, at))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Builds an index the way git writes one (SHA-1 object ids).
    pub(in crate::project::code::android) fn index(version: u32, paths: &[&str]) -> Vec<u8> {
        let mut out = b"DIRC".to_vec();
        out.extend_from_slice(&version.to_be_bytes());
        out.extend_from_slice(&(paths.len() as u32).to_be_bytes());
        let mut previous = "";
        for path in paths {
            let start = out.len();
            out.extend_from_slice(&[0u8; 40]);
            out.extend_from_slice(&[0xab; 20]);
            out.extend_from_slice(&(path.len().min(0xfff) as u16).to_be_bytes());
            if version == 4 {
                let common = previous
                    .bytes()
                    .zip(path.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                out.push((previous.len() - common) as u8);
                out.extend_from_slice(&path.as_bytes()[common..]);
                out.push(0);
            } else {
                out.extend_from_slice(path.as_bytes());
                let len = out.len() - start;
                out.extend(std::iter::repeat_n(0, 8 - len % 8));
            }
            previous = path;
        }
        out.extend_from_slice(b"TREE\0\0\0\0");
        out.extend_from_slice(&[0; 20]);
        out
    }

    #[test]
    fn reads_versions_2_3_and_4() {
        let paths = [
            "app/build.gradle",
            "app/src/main/assets/timpush-configs.json",
            "app/src/main/assets/timpush-configs.json.bak",
        ];
        for version in [2, 3, 4] {
            let read = index_paths(&index(version, &paths)).expect("reads");
            let read: Vec<String> = read
                .into_iter()
                .map(|p| String::from_utf8(p).expect("utf-8"))
                .collect();
            assert_eq!(read, paths, "version {version}");
        }
    }

    #[test]
    fn varint_matches_git() {
        // Git's encode_varint(128) is 0x80 0x00; 127 is 0x7f.
        assert_eq!(varint(&[0x7f], 0), Some((127, 1)));
        assert_eq!(varint(&[0x80, 0x00], 0), Some((128, 2)));
    }

    #[test]
    fn garbage_is_dont_know() {
        assert_eq!(index_paths(b"DIRC\0\0\0\x09\0\0\0\0"), None);
        assert_eq!(index_paths(b"not an index"), None);
        let mut truncated = index(2, &["a/b.json"]);
        truncated.truncate(40);
        assert_eq!(index_paths(&truncated), None);
    }

    #[test]
    fn worktree_git_file_is_followed() {
        let temp = tempfile::tempdir().expect("temp");
        let gitdir = temp.path().join("main/.git/worktrees/w");
        std::fs::create_dir_all(&gitdir).expect("gitdir");
        std::fs::write(gitdir.join("index"), index(2, &["app/x.json"])).expect("index");
        let work = temp.path().join("w");
        std::fs::create_dir_all(work.join("app")).expect("app");
        std::fs::write(work.join(".git"), format!("gitdir: {}\n", gitdir.display())).expect(".git");
        std::fs::write(work.join("app/x.json"), "{}").expect("x");
        std::fs::write(work.join("app/y.json"), "{}").expect("y");
        assert_eq!(is_tracked(&work.join("app/x.json")), Some(true));
        assert_eq!(is_tracked(&work.join("app/y.json")), Some(false));
    }
}
