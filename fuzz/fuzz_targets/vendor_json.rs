#![no_main]
// The entry and what it reads: `pushdiag::fuzzing::TARGETS`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| pushdiag::fuzzing::entry("vendor_json")(data));
