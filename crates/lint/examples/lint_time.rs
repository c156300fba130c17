//! Times one lint of each file named on the command line: `cargo run --release --example lint_time -- FILE...`.
#![allow(clippy::print_stdout)]

fn main() {
    for arg in std::env::args().skip(1) {
        let start = std::time::Instant::now();
        let result = httpstatus_lint::lint_file(arg.as_ref(), &httpstatus_lint::Config::default());
        let elapsed = start.elapsed();
        match result {
            Ok(r) => {
                println!(
                    "{arg}: {} findings in {:.3} s",
                    r.findings.len(),
                    elapsed.as_secs_f64()
                );
                let mut by_rule = std::collections::BTreeMap::new();
                for f in &r.findings {
                    *by_rule.entry(f.rule.id).or_insert(0) += 1;
                }
                for (id, n) in by_rule {
                    println!("  {id} {n}");
                }
            }
            Err(e) => println!("{e}"),
        }
    }
}
