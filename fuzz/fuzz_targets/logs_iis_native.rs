#![no_main]
use httpstatus_logs::Format;
libfuzzer_sys::fuzz_target!(|data: &[u8]| httpstatus_fuzz::logs(data, Some(Format::IisNative)));
