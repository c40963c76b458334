//! A 50 MiB report on a single line, dense with figures, through the whole library pipeline in
//! this process: ingest, segmentation, alignment, claims (capped per report), rules and the
//! streamed JSON rendering of `factdiff compare -f json` (into a byte counter). Input: a file generated at test time. Output:
//! pass / fail on the results and on a stated memory bound.
//!
//! Memory bound (docs/robustness.md): the peak resident set size of the pipeline stays below
//! [`MAX_PEAK_OVER_FILE`] x the file size (measured: 4.5 x with the streamed JSON; 8.7 x when it was rendered into one string). It is read from the kernel's
//! high-water mark (`VmHWM` in `/proc/self/status`), which is why this test has its own test
//! binary (its own process: no other test's allocations count). Where `/proc` is absent the
//! memory check is skipped with a message; the functional checks still run.
//!
//! Time: 61 to 84 s in a plain `cargo test` build on the shared 2-core machine (4 to 8 s in
//! release); docs/robustness.md has the figures with optimised test profiles.

use std::fs;
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use factdiff::compare::{compare_sources, Options, DEFAULT_MAX_CLAIMS_PER_REPORT};
use factdiff::ingest::{load_with, IngestConfig};
use factdiff::render::{self, Format, RenderOptions};
use factdiff::segment::DEFAULT_MAX_SENTENCE_BYTES;

/// Peak memory of the pipeline, as a multiple of the input file's size.
const MAX_PEAK_OVER_FILE: u64 = 10;

/// A writer that only counts bytes.
#[derive(Default)]
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A line of `/proc/self/status` in kilobytes (`VmHWM`, `VmRSS`), `None` without `/proc`.
fn status_kb(key: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn fifty_megabyte_single_line_within_memory_bound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // Written piecewise: the generator does not hold 50 MB itself.
    let clause = "Protesters in Almaty said about 5,000 people gathered near the akimat building, ";
    let target = 50 * 1024 * 1024;
    {
        let mut w = BufWriter::new(fs::File::create(&path).unwrap());
        w.write_all(b"date 2022-01-07 ").unwrap();
        for _ in 0..target / clause.len() + 1 {
            w.write_all(clause.as_bytes()).unwrap();
        }
        w.flush().unwrap();
    }
    let file_bytes = fs::metadata(&path).unwrap().len();
    assert!(file_bytes >= target as u64);
    let before_kb = status_kb("VmHWM:");

    let t = Instant::now();
    let loaded = load_with(std::slice::from_ref(&path), &IngestConfig::default());
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let rules = factdiff::rules::load_embedded().unwrap();
    let report = compare_sources("huge", loaded.sources, &rules, &Options::default());
    // Streamed as the binary does (`compare -f json`), into a byte counter.
    let mut counter = Counter::default();
    render::write_compare(
        Format::Json,
        &report,
        &RenderOptions {
            color: false,
            width: None,
        },
        &mut counter,
    )
    .unwrap();
    let elapsed = t.elapsed();
    let peak_kb = status_kb("VmHWM:");

    // No sentence end in the file: pieces of at most 4,000 bytes.
    let pieces = file_bytes as usize / DEFAULT_MAX_SENTENCE_BYTES;
    assert!(
        report.summary.sentences > pieces && report.summary.sentences < pieces * 11 / 10,
        "{:?}",
        report.summary
    );
    // About a hundred figures per piece: the claims cap applies, with a warning naming the file.
    assert_eq!(report.summary.claims, DEFAULT_MAX_CLAIMS_PER_REPORT);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(report.warnings[0].path, path);
    assert!(
        report.warnings[0]
            .message
            .starts_with("more than 20000 claims: only the first 20000 (up to sentence "),
        "{}",
        report.warnings[0].message
    );
    let json_bytes = counter.0;
    assert!(json_bytes > file_bytes as usize, "{json_bytes}");
    drop(report);
    assert!(
        elapsed < Duration::from_secs(300),
        "hang detector: {elapsed:?}"
    );

    let (Some(before), Some(peak)) = (before_kb, peak_kb) else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("SKIPPED memory bound of fifty_megabyte_single_line: no /proc/self/status");
        }
        return;
    };
    let peak_bytes = peak * 1024;
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "50 MiB single line: {:.1} s, peak RSS {} MB ({:.1} x the file; {} MB before), JSON {} MB",
            elapsed.as_secs_f64(),
            peak / 1024,
            peak_bytes as f64 / file_bytes as f64,
            before / 1024,
            json_bytes / (1024 * 1024)
        );
    }
    assert!(
        peak_bytes < MAX_PEAK_OVER_FILE * file_bytes,
        "peak RSS {peak} kB is over {MAX_PEAK_OVER_FILE} x the file ({file_bytes} bytes)"
    );
}
