#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| httpstatus_fuzz::logs(data, None));
