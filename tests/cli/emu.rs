//! The emulator as the integration tests use it: in this test process, on 127.0.0.1, with its
//! own runtime whose worker threads serve while the test thread waits for a pushdiag process.

use pushdiag::emulator::{
    ApnsEnvironment, Delivery, Emulator, EmulatorConfig, RecordedPush, Registry, TlsEndpoint,
};
use pushdiag::vendor::Vendor;

pub struct Emu {
    runtime: tokio::runtime::Runtime,
    emulator: Option<Emulator>,
}

impl Emu {
    /// The built-in registry, with `faults` (`--fault` specs).
    pub fn start(faults: &[&str]) -> Emu {
        Emu::with_registry(Registry::builtin(), faults)
    }

    pub fn with_registry(registry: Registry, faults: &[&str]) -> Emu {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let faults = faults.iter().map(|f| f.parse().expect("fault")).collect();
        let emulator = runtime
            .block_on(pushdiag::emulated::start(EmulatorConfig {
                listen: "127.0.0.1:0".parse().expect("addr"),
                registry,
                faults,
            }))
            .expect("emulator starts");
        Emu {
            runtime,
            emulator: Some(emulator),
        }
    }

    pub fn emulator(&self) -> &Emulator {
        self.emulator.as_ref().expect("running")
    }

    /// vivo's base URL.
    pub fn base(&self) -> String {
        self.base_of(Vendor::Vivo)
    }

    pub fn base_of(&self, vendor: Vendor) -> String {
        self.emulator().base_url(vendor)
    }

    pub fn pushes(&self) -> Vec<RecordedPush> {
        self.emulator().pushes()
    }

    /// The messages the emulated Tencent IM server accepted.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.emulator().deliveries()
    }

    /// Serves APNs's `environment` at the root of a port of its own (as `emulate --apns-listen`).
    pub fn serve_apns(&mut self, environment: ApnsEnvironment) -> TlsEndpoint {
        let emulator = self.emulator.as_mut().expect("running");
        self.runtime
            .block_on(emulator.serve_apns("127.0.0.1:0".parse().expect("addr"), environment))
            .expect("APNs port")
    }

    /// Runs `future` on the emulator's runtime, from the test's thread.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            self.runtime.block_on(emulator.shutdown());
        }
    }
}
