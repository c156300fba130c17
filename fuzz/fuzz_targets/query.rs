#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| httpstatus_fuzz::query(data));
