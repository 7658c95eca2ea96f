//! `google-services.json` (reference B.7): the Firebase project and the Android apps it was
//! downloaded for.

use super::claim;
use super::source::{parse_json, Source};
use super::Claim;
use crate::findings::Located;

pub(super) struct GoogleServices {
    /// `project_info.project_id`, compared with the FCM service account's.
    pub project_id: Option<Located<String>>,
    /// One claim per `client[].client_info.android_client_info.package_name`; the file fits the
    /// app when any of them matches (one Firebase project serves several apps).
    pub claims: Vec<Claim>,
}

pub(super) fn read(source: &Source) -> anyhow::Result<GoogleServices> {
    let root = parse_json(source, false)?;
    let project_id = root.path(&["project_info", "project_id"]).and_then(|node| {
        let value = node.as_str()?.to_owned();
        Some(Located::new(
            value,
            Some(source.locate(node.start, node.pointer.clone())),
        ))
    });
    let claims = root
        .get("client")
        .map(|clients| clients.items())
        .unwrap_or_default()
        .iter()
        .filter_map(|client| {
            let node = client.path(&["client_info", "android_client_info", "package_name"])?;
            Some(Claim {
                value: node.as_str()?.to_owned(),
                what: claim::GOOGLE_SERVICES,
                location: source.locate(node.start, node.pointer.clone()),
            })
        })
        .collect();
    Ok(GoogleServices { project_id, claims })
}
