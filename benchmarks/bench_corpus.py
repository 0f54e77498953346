"""Memory and time of the cross-article corpus functions on a store of generated articles, at 1x and 4x.

    .venv/bin/python benchmarks/bench_corpus.py [--articles 150] [--scale 1 4] [--work DIR]

Builds a SQLite store of ``--articles`` x each scale generated articles (``corpus_gen.py``,
analysed for real and ingested), then, each in a fresh subprocess, runs ``stories``,
``contradictions`` and ``entities`` on it two ways:

* baseline: ``Corpus.of(store)``, every stored Analysis deserialised into memory first (how
  every corpus function worked before they read projections from the store);
* store: the functions given the Store itself.

It prints peak traced memory (tracemalloc), peak RSS and time of each, the 4x/1x ratio of each
way, and store/baseline at each scale, all measured in the same run; and checks that both ways
give identical results. ``--work DIR`` keeps the stores there, so a second run skips the analysis.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus  # noqa: E402

MODES = ("baseline", "store")


def build_stores(work: Path, articles: int, scales: list[int], seed: int, words: int) -> dict[int, Path]:
    """One store per scale; a larger scale starts from a copy of the smaller one (same first articles)."""
    from purportedly.engines.ingest import ingest_paths
    from purportedly.store import Store

    paths, _ = write_corpus(work / "texts", articles * max(scales), seed, words)
    stores, done, previous = {}, 0, None
    for scale in sorted(scales):
        db = work / f"corpus-{scale}x.db"
        if db.exists():  # kept from an earlier run: a writable open brings it up to date (features)
            started = time.perf_counter()
            Store.open(db).close()
            print(f"  opened {db.name} in {time.perf_counter() - started:.1f} s", flush=True)
        else:
            if previous is not None:
                shutil.copy(previous, db)
            with Store.open(db) as store:
                started = time.perf_counter()
                summary = ingest_paths(store, [str(p) for p in paths[done : articles * scale]])
                print(f"  ingested {summary.stored} articles into {db.name} in "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
        stores[scale], done, previous = db, articles * scale, db
    return stores


def run_functions(db: str, mode: str) -> dict:
    """Open the store read-only and run the three corpus functions; figures and a results digest."""
    from purportedly import corpus
    from purportedly.store import Store

    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    with Store.open(db, read_only=True) as store:
        source = corpus.Corpus.of(store) if mode == "baseline" else store
        story_list = corpus.stories(source)
        found = [
            [s.article_ids for s in story_list],
            [(c.event, c.numbers, [r.article_id for r in c.reports]) for c in
             corpus.contradictions(source, story_list=story_list)],
            [(e.name, e.type, e.aliases, e.article_ids, e.mentions) for e in corpus.entities(source)],
        ]
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "peak_mb": peak / 2**20,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "stories": len(story_list),
        "digest": hashlib.sha256(repr(found).encode()).hexdigest()[:16],
    }


def measure(db: Path, mode: str) -> dict:
    """``run_functions`` in a fresh interpreter, so peaks and caches never mix between runs."""
    output = subprocess.run(
        [sys.executable, __file__, "--worker", str(db), mode], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(results: dict[tuple[int, str], dict], scales: list[int]) -> None:
    print(f"{'scale':>6} {'mode':>9} {'articles':>9} {'stories':>8} {'traced MB':>10} "
          f"{'RSS MB':>8} {'wall s':>8} {'CPU s':>7}  digest")
    for (scale, mode), r in sorted(results.items()):
        print(f"{scale:>5}x {mode:>9} {r['articles']:>9} {r['stories']:>8} {r['peak_mb']:>10.1f} "
              f"{r['rss_mb']:>8.0f} {r['seconds']:>8.2f} {r['cpu_seconds']:>7.2f}  {r['digest']}")
    low, high = min(scales), max(scales)
    for mode in MODES:
        a, b = results[(low, mode)], results[(high, mode)]
        print(f"RATIO {high}x/{low}x {mode:>9}: traced memory {b['peak_mb'] / a['peak_mb']:.2f}, "
              f"RSS {b['rss_mb'] / a['rss_mb']:.2f}, CPU time {b['cpu_seconds'] / a['cpu_seconds']:.2f}")
    for scale in scales:
        a, b = results[(scale, "baseline")], results[(scale, "store")]
        same = "identical results" if a["digest"] == b["digest"] else "RESULTS DIFFER"
        print(f"RATIO store/baseline at {scale}x: traced memory {b['peak_mb'] / a['peak_mb']:.2f}, "
              f"RSS {b['rss_mb'] / a['rss_mb']:.2f}, CPU time {b['cpu_seconds'] / a['cpu_seconds']:.2f}"
              f"  ({same})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=150, help="articles at scale 1")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--words", type=int, default=400, help="words per generated article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="keep the stores here (reused by the next run)")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_functions(*args.worker)))
        return 0
    import tempfile

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"building stores in {work} ...", flush=True)
    stores = build_stores(work, args.articles, args.scale, args.seed, args.words)
    results = {}
    for scale, db in stores.items():
        for mode in MODES:
            results[(scale, mode)] = {**measure(db, mode), "articles": args.articles * scale}
    report(results, sorted(stores))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    same = all(results[(s, "baseline")]["digest"] == results[(s, "store")]["digest"] for s in stores)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
