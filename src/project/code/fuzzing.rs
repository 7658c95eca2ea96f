//! The fuzz targets' entries into the app-code readers (`crate::fuzzing` lists them): each reads
//! one file's bytes as the reader would find it in a project.

use super::super::source::Source;

fn source(name: &str, bytes: &[u8]) -> Source {
    Source::new(name.to_owned(), name.into(), bytes.to_vec())
}

/// `timpush-configs.json`.
pub fn timpush_configs(bytes: &[u8]) {
    let _ = super::timpush_config::parse(&source("timpush-configs.json", bytes));
}

/// A uni-app script (`.js`/`.ts`, and as a `.vue` file), its registration calls followed.
pub fn js(bytes: &[u8]) {
    for vue in [false, true] {
        let script = super::js::Script::new(bytes, vue);
        for name in ["requireNativePlugin", "registerPlugin", "registerPush"] {
            for call in script.calls(name) {
                for arg in &call.args {
                    let _ = script.resolve(arg);
                }
            }
        }
    }
}

/// A Dart file, scanned for the Flutter push plugins' registration calls.
pub fn dart(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = super::dart::scan(
            text,
            &[super::flutter::PUSH_APP_INFO, super::flutter::REGISTER_PUSH],
        );
    }
}

/// A Swift or Objective-C file.
pub fn swift_objc(bytes: &[u8]) {
    super::ios::fuzz(bytes);
}

/// Java/Kotlin (`customConfigFile`), Gradle artifact coordinates, uni-app Android build JSON.
pub fn android_code(bytes: &[u8]) {
    super::android::fuzz(bytes);
}
