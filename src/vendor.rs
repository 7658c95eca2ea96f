//! The push channels pushdiag knows, by the ids the CLI contract promises.

use std::fmt;

/// A push channel (or Tencent IM itself, `tim`). The ids are stable: they appear in flags, config
/// sections and JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Vendor {
    Apns,
    Fcm,
    Huawei,
    Honor,
    Xiaomi,
    Oppo,
    Vivo,
    Meizu,
    Tim,
}

impl Vendor {
    /// Every vendor, in the order reports list them.
    pub const ALL: [Vendor; 9] = [
        Vendor::Apns,
        Vendor::Fcm,
        Vendor::Huawei,
        Vendor::Honor,
        Vendor::Xiaomi,
        Vendor::Oppo,
        Vendor::Vivo,
        Vendor::Meizu,
        Vendor::Tim,
    ];

    /// The stable id (`apns`, `fcm`, …).
    pub fn id(self) -> &'static str {
        match self {
            Vendor::Apns => "apns",
            Vendor::Fcm => "fcm",
            Vendor::Huawei => "huawei",
            Vendor::Honor => "honor",
            Vendor::Xiaomi => "xiaomi",
            Vendor::Oppo => "oppo",
            Vendor::Vivo => "vivo",
            Vendor::Meizu => "meizu",
            Vendor::Tim => "tim",
        }
    }

    /// The name people use for the vendor in prose.
    pub fn display_name(self) -> &'static str {
        match self {
            Vendor::Apns => "APNs",
            Vendor::Fcm => "FCM",
            Vendor::Huawei => "Huawei",
            Vendor::Honor => "Honor",
            Vendor::Xiaomi => "Xiaomi",
            Vendor::Oppo => "OPPO",
            Vendor::Vivo => "vivo",
            Vendor::Meizu => "Meizu",
            Vendor::Tim => "Tencent IM",
        }
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl serde::Serialize for Vendor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}
