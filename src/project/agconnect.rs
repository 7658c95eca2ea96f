//! Huawei's `agconnect-services.json` (reference C): the app id and package name it was
//! downloaded for. Format 1.0 keeps them under `client`; 3.0 adds `app_info` and `appInfos[]`.

use std::path::Path;

use super::claim;
use super::source::{display_path, parse_json, JNode, Source};
use super::Claim;
use crate::findings::{Located, Location};

/// One `agconnect-services*.json` found in the project.
pub(super) struct AgconnectFile {
    /// Relative to the project root, `/` separators.
    pub rel: String,
    pub display: String,
    /// The file's start, for findings about where it is.
    pub top: Location,
    pub app_id: Option<Located<String>>,
    /// The package names it names; it fits the app when any of them matches.
    pub claims: Vec<Claim>,
}

impl AgconnectFile {
    /// A file that exists but could not be read: its placement still matters.
    pub fn unread(rel: &str, root: &Path) -> Self {
        let display = display_path(root, rel);
        AgconnectFile {
            rel: rel.to_owned(),
            display: display.to_string(),
            top: Location {
                source: display,
                line: 1,
                column: 1,
                offset: 0,
                pointer: String::new(),
            },
            app_id: None,
            claims: Vec::new(),
        }
    }
}

fn string_at(source: &Source, node: Option<&JNode>) -> Option<(String, Location)> {
    let node = node?;
    let value = node.scalar()?;
    Some((value, source.locate(node.start, node.pointer.clone())))
}

pub(super) fn read(source: &Source) -> anyhow::Result<AgconnectFile> {
    let root = parse_json(source, false)?;
    let app_id = string_at(source, root.path(&["client", "app_id"]))
        .or_else(|| string_at(source, root.path(&["app_info", "app_id"])))
        .map(|(value, location)| Located::new(value, Some(location)));
    let mut names: Vec<Option<&JNode>> = vec![
        root.path(&["client", "package_name"]),
        root.path(&["app_info", "package_name"]),
    ];
    if let Some(infos) = root.get("appInfos") {
        names.extend(infos.items().iter().map(|info| {
            info.get("package_name")
                .or_else(|| info.path(&["app_info", "package_name"]))
        }));
    }
    let mut claims: Vec<Claim> = Vec::new();
    for (value, location) in names.into_iter().filter_map(|n| string_at(source, n)) {
        // 3.0 files repeat the same name in three places; one claim per name is enough.
        if !value.is_empty() && !claims.iter().any(|c| c.value == value) {
            claims.push(Claim {
                value,
                what: claim::AGCONNECT,
                location,
            });
        }
    }
    Ok(AgconnectFile {
        rel: source.rel.clone(),
        display: source.display.to_string(),
        top: source.top(),
        app_id,
        claims,
    })
}
