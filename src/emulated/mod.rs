//! The glue between the emulator and pushdiag's client side: the emulator judges requests and
//! imports no client code (`crate::emulator`), so what needs both lives here. The forwarder that
//! lets the emulated Tencent IM push through pushdiag's vendor clients ([`VendorForwarder`]), the
//! `pushdiag.toml` snippet `pushdiag emulate` prints and the built-in secrets `--emulated` fills
//! in ([`config_snippet`], [`fill_builtin_secrets`]), and starting an emulator with that
//! forwarder attached ([`start`], [`start_builtin`]).

mod forward;
mod push_log;
mod snippet;

use std::sync::Arc;

pub use forward::VendorForwarder;
pub use push_log::PushLines;
pub use snippet::{config_snippet, fill_builtin_secrets, FilledSecret, Snippet};

use crate::emulator::{Emulator, EmulatorConfig, Registry};

/// Starts an emulator whose Tencent IM forwards pushes with pushdiag's vendor clients.
pub async fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
    Emulator::start_forwarding(config, Arc::new(VendorForwarder::default())).await
}

/// The in-process emulator `--emulated` starts: the built-in registry on an ephemeral loopback
/// port, no faults, forwarding as [`start`].
pub async fn start_builtin() -> anyhow::Result<Emulator> {
    start(EmulatorConfig {
        listen: ([127, 0, 0, 1], 0).into(),
        registry: Registry::builtin(),
        faults: Vec::new(),
    })
    .await
}
