//! The checks on what the app's code registers: certificate IDs and client keys against
//! `pushdiag.toml`, and the shape of `timpush-configs.json`.
