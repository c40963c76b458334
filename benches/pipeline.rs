//! Benchmarks of the pipeline stages on a generated event, and a corpus measurement mode.
//!
//! Input: an event made by the corpus generator (`examples/gen.rs`, included as a module) in a
//! temporary folder, or, in corpus mode, a generated corpus folder. Output: criterion reports
//! for segmentation, claim extraction, alignment and end-to-end `compare` (with throughput in
//! bytes of report text), claim extraction over the shipped corpus `sources/` (throughput in
//! sentences and in bytes), or, in corpus mode, one `key=value` line per measurement.
//!
//! ```text
//! cargo bench --bench pipeline                 # criterion, 10 reports x 30 sentences
//! cargo bench --bench pipeline -- --quick      # quick mode (what CI may run; it times nothing)
//! FACTDIFF_BENCH_CORPUS=DIR cargo bench --bench pipeline   # corpus mode, used by bench/run.sh
//! ```
//!
//! Corpus mode loads every event folder of `DIR`, then times, each as the best of
//! `FACTDIFF_BENCH_REPEAT` runs (default 3): segmentation, alignment of every event, and claim
//! extraction on the calling thread only (so its throughput is per core; each run repeats
//! whole passes for at least `FACTDIFF_BENCH_CLAIMS_MIN_S` seconds, default 1, and reports one
//! pass, with the thread's CPU time in nanoseconds).
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[allow(dead_code)]
#[path = "../examples/gen.rs"]
mod gen;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput};
use factdiff::align::{self, AlignConfig};
use factdiff::claims;
use factdiff::compare::{self, Options};
use factdiff::ingest::{self, Source};
use factdiff::rules::RuleSet;
use factdiff::segment::{self, Document};
use rayon::prelude::*;

/// The rules the benchmarks run with: the built-in ones.
fn rules() -> RuleSet {
    factdiff::rules::load_rules(None, &[] as &[PathBuf]).expect("built-in rules load")
}

/// Sources of one generated event (reports x sentences), and the folder that holds them.
fn generated_event(reports: usize, sentences: usize) -> (tempfile::TempDir, Vec<Source>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (folder, _) = gen::generate_event(0, reports, sentences, 7, dir.path()).expect("gen");
    let loaded = ingest::load(&[dir.path().join(folder)]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    (dir, loaded.sources)
}

fn text_bytes(sources: &[Source]) -> u64 {
    sources.iter().map(|s| s.text.len() as u64).sum()
}

fn segment_all(sources: Vec<Source>) -> Vec<Document> {
    sources.into_iter().map(segment::segment).collect()
}

fn benches(c: &mut Criterion) {
    let (_dir, sources) = generated_event(10, 30);
    let bytes = text_bytes(&sources);
    let docs = segment_all(sources.clone());
    let config = AlignConfig::default();
    let rules = rules();
    let options = Options::default();

    let mut g = c.benchmark_group("event-10x30");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("segment", |b| {
        b.iter_batched(
            || sources.clone(),
            |s| black_box(segment_all(s)),
            BatchSize::SmallInput,
        )
    });
    // Stages still being written are `todo!()` stubs: probe once and skip them.
    let quiet = |f: &dyn Fn()| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok();
        std::panic::set_hook(hook);
        ok
    };
    let has_claims = quiet(&|| {
        claims::extract(&docs[0], 0);
    });
    let has_compare = quiet(&|| {
        compare::compare_sources("event", sources.clone(), &rules, &options);
    });
    if !has_claims {
        eprintln!("claims: not implemented in this build, skipped");
    }
    if !has_compare {
        eprintln!("compare: not implemented in this build, skipped");
    }
    if has_claims {
        g.bench_function("claims", |b| {
            b.iter(|| {
                let n: usize = docs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| claims::extract(d, i).len())
                    .sum();
                black_box(n)
            })
        });
    }
    g.bench_function("align", |b| {
        b.iter(|| black_box(align::align(&docs, &config)))
    });
    if has_compare {
        g.bench_function("compare", |b| {
            b.iter_batched(
                || sources.clone(),
                |s| black_box(compare::compare_sources("event", s, &rules, &options)),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();

    // Claim extraction over the shipped corpus (`sources/`, every event), in sentences per
    // second: the figure issue #3 asks for.
    let shipped: Vec<Vec<Document>> =
        event_folders(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"))
            .into_iter()
            .map(|f| segment_all(ingest::load(&[f]).sources))
            .filter(|e| !e.is_empty())
            .collect();
    if has_claims && !shipped.is_empty() {
        let sentences: usize = shipped.iter().flatten().map(|d| d.sentences.len()).sum();
        let bytes: u64 = shipped
            .iter()
            .flatten()
            .map(|d| d.source.text.len() as u64)
            .sum();
        let mut g = c.benchmark_group("sources");
        g.sample_size(20);
        for (name, throughput) in [
            ("claims-sentences", Throughput::Elements(sentences as u64)),
            ("claims-bytes", Throughput::Bytes(bytes)),
        ] {
            g.throughput(throughput);
            g.bench_function(name, |b| {
                b.iter(|| {
                    let n: usize = shipped
                        .iter()
                        .flat_map(|e| e.iter().enumerate())
                        .map(|(i, d)| claims::extract(d, i).len())
                        .sum();
                    black_box(n)
                })
            });
        }
        g.finish();
    }

    // Alignment cost as the event grows: should be about linear in the number of reports.
    let mut g = c.benchmark_group("align-scaling");
    g.sample_size(10);
    for reports in [25, 50, 100] {
        let (_dir, sources) = generated_event(reports, 30);
        g.throughput(Throughput::Bytes(text_bytes(&sources)));
        let docs = segment_all(sources);
        g.bench_function(format!("{reports}-reports"), |b| {
            b.iter(|| black_box(align::align(&docs, &config)))
        });
    }
    g.finish();
}

/// Wall-clock and CPU seconds of one measurement.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall: f64,
    /// User + system CPU seconds of the whole process (all threads), from /proc/self/stat.
    /// On a shared machine this is the figure to compare: it does not count time spent waiting
    /// for a core.
    cpu: f64,
}

/// CPU seconds used by this process so far (Linux; 0 elsewhere). Resolution: one clock tick.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line: indices 11 and 12 after the name.
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds used by the calling thread so far, in nanoseconds resolution (Linux
/// `/proc/thread-self/schedstat`; `None` elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Best of `repeat` runs of `f` (lowest wall time and lowest CPU time, each on its own).
fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let mut best = Timing {
        wall: f64::MAX,
        cpu: f64::MAX,
    };
    let mut out = None;
    for _ in 0..repeat.max(1) {
        let c = cpu_seconds();
        let t = Instant::now();
        let r = f();
        best.wall = best.wall.min(t.elapsed().as_secs_f64());
        best.cpu = best.cpu.min(cpu_seconds() - c);
        out = Some(r);
    }
    (best, out.expect("at least one run"))
}

fn print_timing(key: &str, t: Timing) {
    println!("{key}_s={:.6}", t.wall);
    println!("{key}_cpu_s={:.2}", t.cpu);
}

fn event_folders(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    if out.is_empty() {
        out.push(dir.to_path_buf());
    }
    out
}

/// Runs `f`, or reports that the stage is not available yet (a `todo!()` stub) and returns None.
fn stage<T>(name: &str, f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(f);
    std::panic::set_hook(hook);
    match r {
        Ok(v) => Some(v),
        Err(_) => {
            println!("{name}=unavailable");
            None
        }
    }
}

fn corpus_mode(dir: &Path) {
    let repeat: usize = std::env::var("FACTDIFF_BENCH_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let (load_t, events) = best(1, || {
        event_folders(dir)
            .into_iter()
            .map(|f| ingest::load(&[f]).sources)
            .collect::<Vec<_>>()
    });
    let bytes: u64 = events.iter().map(|e| text_bytes(e)).sum();
    let reports: usize = events.iter().map(Vec::len).sum();
    println!("events={}", events.len());
    println!("reports={reports}");
    println!("bytes={bytes}");
    println!("threads={}", rayon::current_num_threads());
    print_timing("load", load_t);
    let (seg_t, docs) = best(repeat, || {
        events
            .iter()
            .map(|e| segment_all(e.clone()))
            .collect::<Vec<_>>()
    });
    let sentences: usize = docs
        .iter()
        .flat_map(|e| e.iter().map(|d| d.sentences.len()))
        .sum();
    println!("sentences={sentences}");
    print_timing("segment", seg_t);
    println!("segment_mb_per_s={:.1}", bytes as f64 / 1e6 / seg_t.wall);

    let config = AlignConfig::default();
    let (align_t, stats) = best(repeat, || {
        docs.iter()
            .map(|e| align::align_with_stats(e, &config).1)
            .fold((0usize, 0usize), |(a, b), s| {
                (a + s.candidate_pairs, b + s.comparisons())
            })
    });
    let report_pairs: usize = docs
        .iter()
        .map(|e| e.len() * e.len().saturating_sub(1) / 2)
        .sum();
    let all_pairs: usize = docs
        .iter()
        .map(|e| {
            let n: Vec<usize> = e.iter().map(|d| d.sentences.len()).collect();
            let total: usize = n.iter().sum();
            (total * total - n.iter().map(|x| x * x).sum::<usize>()) / 2
        })
        .sum();
    println!("report_pairs={report_pairs}");
    println!("sentence_pairs_all={all_pairs}");
    println!("align_candidate_pairs={}", stats.0);
    println!("align_comparisons={}", stats.1);
    print_timing("align", align_t);

    // End to end in process: load, then the whole pipeline per event (events in parallel, as
    // `check` does), without rendering.
    let rules = rules();
    let options = Options::default();
    let folders = event_folders(dir);
    let e2e = stage("e2e_s", || {
        best(repeat, || {
            folders
                .par_iter()
                .map(|f| {
                    let sources = ingest::load(std::slice::from_ref(f)).sources;
                    compare::compare_sources("event", sources, &rules, &options)
                        .findings
                        .len()
                })
                .sum::<usize>()
        })
    });
    if let Some((t, findings)) = e2e {
        println!("e2e_findings={findings}");
        print_timing("e2e", t);
    }

    // Claim extraction on the calling thread. One pass over a small corpus is shorter than the
    // resolution of the process CPU clock (10 ms), so each of the `repeat` measurements runs
    // whole passes until at least `FACTDIFF_BENCH_CLAIMS_MIN_S` (default 1) seconds have gone
    // by, and reports the time of one pass; CPU time is this thread's, in nanoseconds
    // (/proc/thread-self/schedstat) where available.
    let min_s: f64 = std::env::var("FACTDIFF_BENCH_CLAIMS_MIN_S")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let docs_ref = &docs;
    if let Some((claims_t, n, passes)) = stage("claims_s", move || {
        let pass = || {
            docs_ref
                .iter()
                .flat_map(|e| e.iter().enumerate())
                .map(|(i, d)| claims::extract(d, i).len())
                .sum::<usize>()
        };
        let mut best = Timing {
            wall: f64::MAX,
            cpu: f64::MAX,
        };
        let (mut n, mut passes) = (0, 0);
        for _ in 0..repeat.max(1) {
            let wall = Instant::now();
            let (cpu, thread_cpu) = (cpu_seconds(), thread_cpu_seconds());
            let mut k = 0usize;
            while k == 0 || wall.elapsed().as_secs_f64() < min_s {
                n = pass();
                k += 1;
            }
            let w = wall.elapsed().as_secs_f64();
            let c = match (thread_cpu, thread_cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => cpu_seconds() - cpu,
            };
            best.wall = best.wall.min(w / k as f64);
            best.cpu = best.cpu.min(c / k as f64);
            passes = k;
        }
        (best, n, passes)
    }) {
        println!("claims={n}");
        println!("claims_passes_per_measurement={passes}");
        println!("claims_s={:.6}", claims_t.wall);
        println!("claims_cpu_s={:.6}", claims_t.cpu);
        println!(
            "claims_sentences_per_cpu_s={:.0}",
            sentences as f64 / claims_t.cpu.max(1e-9)
        );
        println!(
            "claims_mb_per_s_one_core={:.2}",
            bytes as f64 / 1e6 / claims_t.wall
        );
        println!(
            "claims_mb_per_cpu_s={:.2}",
            bytes as f64 / 1e6 / claims_t.cpu.max(1e-9)
        );
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("FACTDIFF_BENCH_CORPUS") {
        corpus_mode(Path::new(&dir));
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
}
