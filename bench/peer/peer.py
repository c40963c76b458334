#!/usr/bin/env python3
"""Peer pipeline: what a user would assemble in Python instead of factdiff.

Input: a corpus folder (one subfolder per event holding .txt / .md reports) or one event folder.
Output: a JSON summary on stdout (per event: reports, sentences, quantities, aligned pairs,
number mismatches), and timings on stderr.

Stages, for each event:
  1. read every report, drop the `date YYYY-MM-DD` line or the front-matter block;
  2. split sentences with a simple regex;
  3. extract quantities from every sentence with quantulum3 (`quantulum3.parser.parse`);
  4. for every pair of reports, score all sentence pairs with
     `rapidfuzz.process.cdist(a, b, scorer=fuzz.token_set_ratio)` and keep, for each sentence
     of the first report, its best match in the second if the score reaches the threshold;
  5. in every aligned pair, list the quantities of the same unit whose values differ.

`--align-only` runs only stages 1, 2 and 4 (reading, splitting, cdist over the same report pairs)
so that the alignment cost can be compared on its own with factdiff's aligner.
"""

import argparse
import json
import os
import re
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # quantulum3 warns that its optional classifier is absent

from quantulum3 import parser as qparser  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
DATE_LINE = re.compile(r"^date \d{4}-\d{2}-\d{2}\s*\n")


def body_of(text):
    """Strip a BOM, a `date` first line or a `---` front-matter block."""
    text = text.lstrip("\ufeff")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    m = DATE_LINE.match(text)
    if m:
        return text[m.end() :]
    return text


def split_sentences(text):
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def reports_of(folder):
    names = sorted(
        n
        for n in os.listdir(folder)
        if (n.endswith(".txt") or n.endswith(".md")) and not n.startswith(".")
    )
    out = []
    for n in names:
        with open(os.path.join(folder, n), encoding="utf-8") as f:
            out.append((os.path.splitext(n)[0], f.read()))
    return out


def events_of(corpus):
    subdirs = sorted(
        d
        for d in os.listdir(corpus)
        if os.path.isdir(os.path.join(corpus, d)) and not d.startswith(".")
    )
    if subdirs:
        return [(d, os.path.join(corpus, d)) for d in subdirs]
    return [(os.path.basename(os.path.normpath(corpus)), corpus)]


def quantities(sentence):
    try:
        qs = qparser.parse(sentence)
    except Exception:  # quantulum3 raises on some inputs; a user would skip them
        return []
    return [(q.unit.name, float(q.value), q.surface) for q in qs]


def compare_event(name, folder, threshold, align_only, workers, timings):
    t0 = time.perf_counter()
    reports = reports_of(folder)
    sentences = [split_sentences(body_of(text)) for _, text in reports]
    t1 = time.perf_counter()
    if align_only:
        quants = None
    else:
        quants = [[quantities(s) for s in sents] for sents in sentences]
    t2 = time.perf_counter()
    pairs = 0
    aligned = 0
    mismatches = []
    align_time = 0.0
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            a, b = sentences[i], sentences[j]
            if not a or not b:
                continue
            ta = time.perf_counter()
            ca = time.process_time()
            scores = process.cdist(
                a, b, scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=workers
            )
            best = scores.argmax(axis=1)
            align_time += time.perf_counter() - ta
            timings["align_cpu"] += time.process_time() - ca
            pairs += 1
            for si, sj in enumerate(best):
                score = scores[si, sj]
                if score < threshold:
                    continue
                aligned += 1
                if quants is None:
                    continue
                for unit_a, va, sa in quants[i][si]:
                    for unit_b, vb, sb in quants[j][sj]:
                        if unit_a == unit_b and va != vb:
                            mismatches.append(
                                {
                                    "unit": unit_a,
                                    "a": {"source": reports[i][0], "value": sa},
                                    "b": {"source": reports[j][0], "value": sb},
                                    "score": round(float(score), 1),
                                }
                            )
    t3 = time.perf_counter()
    timings["read_split"] += t1 - t0
    timings["quantities"] += t2 - t1
    timings["align"] += align_time
    timings["compare"] += t3 - t2 - align_time
    return {
        "event": name,
        "reports": len(reports),
        "sentences": sum(len(s) for s in sentences),
        "quantities": None if quants is None else sum(len(q) for qs in quants for q in qs),
        "report_pairs": pairs,
        "aligned_pairs": aligned,
        "mismatches": mismatches,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="corpus folder (event subfolders) or one event folder")
    ap.add_argument("--threshold", type=float, default=60.0, help="token_set_ratio cutoff (0-100)")
    ap.add_argument("--align-only", action="store_true", help="read, split and cdist only")
    ap.add_argument(
        "--workers", type=int, default=1, help="cdist workers (1 = its default, -1 = all cores)"
    )
    ap.add_argument("--summary", action="store_true", help="print counts only, not mismatches")
    args = ap.parse_args()

    timings = {
        "read_split": 0.0,
        "quantities": 0.0,
        "align": 0.0,
        "compare": 0.0,
        "align_cpu": 0.0,
    }
    start = time.perf_counter()
    events = [
        compare_event(n, f, args.threshold, args.align_only, args.workers, timings)
        for n, f in events_of(args.corpus)
    ]
    total = time.perf_counter() - start
    if args.summary:
        for e in events:
            e["mismatches"] = len(e["mismatches"])
    json.dump({"events": events}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    parts = " ".join(f"{k}={v:.3f}s" for k, v in timings.items())
    print(f"peer: {len(events)} events in {total:.3f}s ({parts})", file=sys.stderr)


if __name__ == "__main__":
    main()
