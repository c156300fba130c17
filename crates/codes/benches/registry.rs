use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    c.bench_function("lookup 404", |b| {
        b.iter(|| httpstatus_codes::lookup(black_box(404)))
    });
    c.bench_function("parse+lookup 403.14", |b| {
        b.iter(|| {
            let q = httpstatus_codes::Query::parse(black_box("403.14")).ok()?;
            match q {
                httpstatus_codes::Query::Code {
                    code,
                    sub: Some(sub),
                    ..
                } => httpstatus_codes::lookup_sub(code, sub),
                _ => None,
            }
        })
    });
    c.bench_function("search 'too many'", |b| {
        b.iter(|| httpstatus_codes::search(black_box("too many")))
    });
    c.bench_function("search typo 'gatway timout'", |b| {
        b.iter(|| httpstatus_codes::search(black_box("gatway timout")))
    });
    c.bench_function("search thai 'ไม่พบ'", |b| {
        b.iter(|| httpstatus_codes::search(black_box("ไม่พบ")))
    });
}

criterion_group!(registry, benches);
criterion_main!(registry);
