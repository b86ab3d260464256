//! Lint speed on generated Go (`crates/lint/examples/gen_corpus/corpus.rs`, shared with the
//! `gen_corpus` example): a realistic tree of 2,000 files, the worst case where every file uses
//! timers, and one file on its own. docs/LINT.md records the numbers. Run: `cargo bench -p timerlab-benches --bench lint`.

#[path = "../crates/lint/examples/gen_corpus/corpus.rs"]
mod corpus_gen;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput};
use gotime::Semantics;
use timerlab_lint::{lint_paths, lint_source, Options};

/// Writes `count` files made by `make` under `dir` (100 per package directory) once.
fn corpus(dir: &Path, count: usize, make: fn(usize) -> String) -> PathBuf {
    if !dir.join("done").exists() {
        for i in 0..count {
            let sub = dir.join(format!("pkg{:03}", i / 100));
            std::fs::create_dir_all(&sub).expect("a writable target directory");
            std::fs::write(sub.join(format!("f{i}.go")), make(i)).expect("a writable target directory");
        }
        std::fs::write(dir.join("done"), "").expect("a writable target directory");
    }
    dir.to_path_buf()
}

fn bench(c: &mut Criterion) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lint-bench");
    let realistic = corpus(&tmp.join("realistic"), 2_000, corpus_gen::go_file);
    let timers = corpus(&tmp.join("timers"), 500, corpus_gen::go_file_with_timers);
    let two = Options { jobs: NonZeroUsize::new(2), ..Options::default() };

    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    group.throughput(Throughput::Elements(2_000));
    group.bench_function("realistic_tree_2000_files_2_threads", |b| {
        b.iter(|| lint_paths(std::slice::from_ref(&realistic), &two))
    });
    group.throughput(Throughput::Elements(500));
    group.bench_function("every_file_with_timers_500_files_2_threads", |b| {
        b.iter(|| lint_paths(std::slice::from_ref(&timers), &two))
    });
    let one = corpus_gen::go_file_with_timers(7);
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("one_file_with_timers", |b| {
        b.iter(|| lint_source("f.go", one.as_bytes(), Semantics::Async).expect("valid Go"))
    });
    group.finish();
}

fn main() {
    // What criterion_main! expands to, without its undocumented public function.
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
