"""The corpus store, the workspace and the cross-article answers at archive scale (10k, 100k, 1M articles).

    nice -n 19 .venv/bin/python benchmarks/bench_scale.py --sizes 10000 100000
    nice -n 19 .venv/bin/python benchmarks/bench_scale.py --backend postgres --sizes 10000 \\
        --pg-url postgresql://purportedly:purportedly@localhost:5432/purportedly_scale
    .venv/bin/python benchmarks/bench_scale.py --report        # the table of every run kept so far

Per size N it fills a store with N articles (``scale_fill.py``: rows copied from a few hundred
articles analysed for real, so the NLP is not what is measured; the store is kept in ``--work``
and reused), then measures, each in its own process where memory matters:

* the store's size on disk;
* adding 1,000 more analysed articles through ``Store.add`` and ``link_claims`` (rows, search index,
  corpus features and claim links, as ``ingest`` writes them; analysis excluded), against the same
  1,000 on an empty store; the fill's claims are linked once after it (timed);
* the workspace (``purportedly serve``'s app under uvicorn on loopback): search p50/p95 (simple,
  phrase, filtered by outlet, date, speaker, source), article page and claim page p50/p95, every
  other page once, and the server's RSS after that tour;
* ``stories``, ``contradictions`` and ``claims --about`` (the library twins, on the Store): time and
  peak RSS; ``export --format jsonl``: time and peak RSS.

A measurement that takes longer than ``--timeout`` seconds is stopped and shown as '>T'. Results
accumulate in ``--work``/results.json; the report prints every figure per N and the growth exponent
between consecutive sizes (the slope of log figure against log N: 1 is linear, 0 is flat).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_fill  # noqa: E402

ADDED = 1000
MEMORY_LIMIT = 8 * 2**30  # address space of each measured process: a runaway one fails, the machine lives


def limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


HERE = Path(__file__).resolve().parent


# ------------------------------------------------------------------------- stores


def pg_schema_url(base: str, schema: str, create: bool = True) -> str:
    from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

    import psycopg

    if create:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    parts = urlsplit(base)
    query = [*parse_qsl(parts.query), ("options", f"-c search_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def build_store(
    args: argparse.Namespace, backend: str, size: int, templates: list
) -> tuple[str, float | None]:
    """The store holding ``size`` articles (made now, or kept from an earlier run)."""
    from purportedly.store import Store

    if backend == "sqlite":
        target = str(args.work / f"store-{size}.db")
        exists = Path(target).exists()
    else:
        target = pg_schema_url(args.pg_url, f"bench_scale_{size}")
        exists = True
    with Store.open(target) as store:
        stored = store.article_count()
    if exists and stored >= size:
        return target, None
    if stored:
        raise SystemExit(f"{target}: holds {stored} articles, fewer than {size}; remove it first")
    print(f"  filling {backend} store with {size:,} articles", flush=True)
    return target, scale_fill.fill(target, backend, size, templates)


def link_store(target: str) -> float | None:
    """Link the claims of a store's articles not linked yet (a fresh fill: all of them; what ingest
    does one article at a time, ``corpus.claim_links``); seconds taken, None when nothing was to do."""
    from purportedly.corpus.claim_links import link_claims, links_current
    from purportedly.store import Store

    with Store.open(target) as store:
        if links_current(store):
            return None
        print("  linking the claims of the stored articles", flush=True)
        started = time.perf_counter()
        link_claims(store)
        return time.perf_counter() - started


def store_bytes(store: Any) -> int:
    if store.backend == "sqlite":
        return sum(
            Path(store.path + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(store.path + suffix).exists()
        )
    row = store.session.one(
        "SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c JOIN pg_namespace n"
        " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
    )
    return int(row["n"])


# ------------------------------------------------------------------- measurements


def measure_adds(args: argparse.Namespace, backend: str, target: str, seeds: list[str]) -> dict:
    """Adding 1,000 analysed articles to the big store and to an empty one, in alternating chunks of
    100 (each side first in turn), so that a busy spell on a shared machine hits both sides alike."""
    from purportedly.corpus.claim_links import link_claims
    from purportedly.model import Analysis
    from purportedly.store import Store, article_identity

    salt = int(time.time())  # new identities on every run, so a kept store really grows
    added = [Analysis.model_validate_json(text) for text in scale_fill.varied_analyses(seeds, ADDED, salt)]
    took = {"empty": 0.0, "full": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        schema = f"bench_scale_empty_{salt}"
        empty = str(Path(tmp) / "empty.db") if backend == "sqlite" else pg_schema_url(args.pg_url, schema)
        stores = {"empty": Store.open(empty), "full": Store.open(target)}
        try:
            for n, first in enumerate(range(0, ADDED, 100)):
                chunk = added[first : first + 100]
                for side in ("empty", "full") if n % 2 == 0 else ("full", "empty"):
                    started = time.perf_counter()
                    for analysis in chunk:  # as the ingest sink stores: the rows, then the claim links
                        stores[side].add(analysis, article_identity(analysis.article))
                        link_claims(stores[side])
                    took[side] += time.perf_counter() - started
        finally:
            for store in stores.values():
                store.close()
            if backend != "sqlite":
                drop_schema(args.pg_url, schema)
    return {
        "add_empty_s": took["empty"],
        "add_full_s": took["full"],
        "add_ratio": took["full"] / took["empty"],
    }


LIBRARY_RUNS = ("stories", "contradictions", "claims_about", "export")  # each may be skipped alone
_LIBRARY_RUN = """
import json, resource, sys, time
from purportedly.store import Store
target, what, arg = sys.argv[1], sys.argv[2], sys.argv[3]
store = Store.open(target, read_only=True)
started = time.perf_counter()
if what == "stories":
    from purportedly.corpus import stories
    n = len(stories(store))
elif what == "contradictions":
    from purportedly.corpus import contradictions
    n = len(contradictions(store))
elif what == "claims_about":
    from purportedly.corpus import claims_about
    n = len(claims_about(store, arg))
else:
    from purportedly.exports import export
    n = export(store, "jsonl", arg)
# VmHWM, this process's own peak: ru_maxrss survives fork and exec, so it also counted the
# benchmark's RSS at the moment it started this process (hundreds of MB of templates)
with open("/proc/self/status", encoding="ascii") as status:
    peak = next((int(l.split()[1]) for l in status if l.startswith("VmHWM")), None)
if peak is None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"s": time.perf_counter() - started, "n": n, "rss_mb": peak / 1024}))
"""


def library_run(target: str, what: str, arg: str, timeout: float) -> dict:
    """One corpus function (or the export) in a fresh process: seconds, result size, peak RSS."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LIBRARY_RUN, target, what, arg],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=os.environ,
            preexec_fn=limit_memory,
        )
    except subprocess.TimeoutExpired:
        return {"s": None, "timeout": timeout}
    if done.returncode:
        return {"s": None, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_SERVER = """
import sys, uvicorn
from purportedly.web import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    if not ordered:
        return {}
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50_ms": pick(0.5) * 1000, "p95_ms": pick(0.95) * 1000, "n": len(ordered)}


def pick_terms(store: Any, rng: random.Random) -> dict[str, list]:
    """What to search for, drawn from the store itself: words, phrases, outlets, speakers, sources."""
    rows = store.session.execute("SELECT text FROM claims WHERE id <= 3000 ORDER BY id").fetchall()
    words, phrases = set(), set()
    for row in rows:
        tokens = [t.strip(".,;:'\"“”‘’()") for t in row["text"].split()]
        tokens = [t for t in tokens if t.isalpha() and len(t) > 4]
        words.update(tokens)
        phrases.update(f'"{a} {b}"' for a, b in zip(tokens, tokens[1:], strict=False))
    speakers = [
        r["speaker"]
        for r in store.session.execute(
            "SELECT DISTINCT speaker FROM quotes WHERE id <= 3000 AND speaker IS NOT NULL"
        ).fetchall()
    ]
    sources = [
        r["name"] for r in store.session.execute("SELECT name FROM sources WHERE id <= 200").fetchall()
    ]
    return {
        "words": sorted(words),
        "phrases": sorted(phrases),
        "outlets": scale_fill.OUTLETS,
        "speakers": sorted(speakers),
        "sources": sorted(sources),
    }


def search_params(kind: str, terms: dict, rng: random.Random) -> dict:
    word = rng.choice(terms["words"])
    if kind == "simple":
        return {"q": word}
    if kind == "phrase":
        return {"q": rng.choice(terms["phrases"])}
    if kind == "outlet":
        return {"q": word, "outlet": rng.choice(terms["outlets"])}
    if kind == "date":
        start = scale_fill.FIRST_DAY.toordinal() + rng.randrange(scale_fill.DAYS - 31)
        from datetime import date

        return {
            "q": word,
            "date_from": date.fromordinal(start).isoformat(),
            "date_to": date.fromordinal(start + 30).isoformat(),
        }
    if kind == "speaker":
        return {"speaker": rng.choice(terms["speakers"])}
    return {"source": rng.choice(terms["sources"])}


SEARCHES = ("simple", "phrase", "outlet", "date", "speaker", "source")
TOUR = ("/api/stories", "/api/sources", "/api/entities", "/api/timeline", "/api/counts")


def measure_workspace(target: str, store: Any, samples: int, timeout: float, tour: bool = True) -> dict:
    """Latencies through a real server on loopback, then its RSS after visiting every page."""
    import httpx
    import psutil

    rng = random.Random(5)
    terms = pick_terms(store, rng)
    last = store.stamp()[1]
    claims = store.session.execute(
        "SELECT article_id, claim_id FROM claims WHERE article_id IN (?, ?, ?, ?, ?, ?, ?, ?)",
        tuple(rng.randrange(1, last + 1) for _ in range(8)),
    ).fetchall()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, target, str(port)], env=os.environ, preexec_fn=limit_memory
    )
    out: dict[str, Any] = {}
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout)
        for _ in range(600):
            try:
                client.get("/api/health")
                break
            except httpx.TransportError:
                time.sleep(0.1)

        def timed(path: str, params: dict | None = None) -> float | None:
            started = time.perf_counter()
            try:
                response = client.get(path, params=params)
            except httpx.HTTPError:  # timed out, or the server died (past its memory limit)
                return None
            return time.perf_counter() - started if response.status_code == 200 else None

        def rss() -> float | None:
            return psutil.Process(server.pid).memory_info().rss / 2**20 if server.poll() is None else None

        out["first_search_s"] = timed("/api/search", {"q": rng.choice(terms["words"])})
        if out["first_search_s"] is None:
            out["search"] = "timeout"
        else:
            for kind in SEARCHES:
                out[f"search_{kind}"] = percentiles(
                    [
                        t
                        for t in (
                            timed("/api/search", search_params(kind, terms, rng)) for _ in range(samples)
                        )
                        if t is not None
                    ]
                )
            out["article_page"] = percentiles(
                [
                    t
                    for t in (timed(f"/api/articles/{rng.randrange(1, last + 1)}") for _ in range(samples))
                    if t is not None
                ]
            )
            claim_times = []
            for n in range(samples):
                row = claims[n % len(claims)]
                took = timed(f"/api/articles/{row['article_id']}/claims/{row['claim_id']}")
                if took is None:
                    break
                claim_times.append(took)
            out["claim_page"] = percentiles(claim_times)
        out["facets_s"] = timed("/api/facets")
        out["rss_served_from_queries_mb"] = rss()  # search, facets, article and claim pages
        if tour:
            out["tour_s"] = {path: timed(path) for path in TOUR}
            out["server_rss_mb"] = rss()  # after every page
    finally:
        server.terminate()  # uvicorn lets a busy request finish first: then it is killed
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return out


def measure(args: argparse.Namespace, backend: str, size: int, seeds: list[str], templates: list) -> dict:
    from purportedly.store import Store

    target, fill_s = build_store(args, backend, size, templates)
    result: dict[str, Any] = {"backend": backend, "size": size, "fill_s": fill_s, "when": time.time()}
    link_s = link_store(target)
    if link_s is not None:
        result["link_s"] = link_s
        print(f"  claims linked in {link_s:.0f} s", flush=True)
    with Store.open(target, read_only=True) as store:
        result["articles"] = store.article_count()
        result["store_mb"] = store_bytes(store) / 1e6
    print(f"  {result['articles']:,} articles, {result['store_mb']:,.0f} MB", flush=True)
    if "adds" not in args.skip:
        result.update(measure_adds(args, backend, target, seeds))
        print(
            f"  add {ADDED}: {result['add_full_s']:.1f} s vs {result['add_empty_s']:.1f} s on an empty store",
            flush=True,
        )
    if "web" not in args.skip:
        with Store.open(target, read_only=True) as store:
            result["web"] = measure_workspace(
                target, store, args.samples, args.page_timeout, "tour" not in args.skip
            )
        print(f"  web: {json.dumps(result['web'])}", flush=True)
    if "corpus" not in args.skip:
        about = "Kovalenko"
        for what, arg in (
            ("stories", ""),
            ("contradictions", ""),
            ("claims_about", about),
            ("export", str(args.work / "export.jsonl")),
        ):
            if what in args.skip:
                continue
            result[what] = library_run(target, what, arg, args.timeout)
            print(f"  {what}: {result[what]}", flush=True)
        (args.work / "export.jsonl").unlink(missing_ok=True)
    return result


# ------------------------------------------------------------------------- report


def figures(run: dict) -> dict[str, float | None]:
    """The numbers a run is judged by, flat."""
    web = run.get("web", {})
    out: dict[str, float | None] = {
        "store MB": run.get("store_mb"),
        "add 1k s": run.get("add_full_s"),
        "add ratio full/empty": run.get("add_ratio"),
        "link the fill s": run.get("link_s"),
    }
    for kind in SEARCHES:
        out[f"search {kind} p95 ms"] = web.get(f"search_{kind}", {}).get("p95_ms")
    out["search simple p50 ms"] = web.get("search_simple", {}).get("p50_ms")
    for page in ("article_page", "claim_page"):
        out[f"{page.replace('_', ' ')} p95 ms"] = web.get(page, {}).get("p95_ms")
    for path, took in web.get("tour_s", {}).items():
        out[f"{path} s"] = took
    out["facets s"] = web.get("facets_s")
    out["RSS search/article/claim MB"] = web.get("rss_served_from_queries_mb")
    out["server RSS after tour MB"] = web.get("server_rss_mb")
    for what in ("stories", "contradictions", "claims_about", "export"):
        out[f"{what} s"] = run.get(what, {}).get("s")
        out[f"{what} peak RSS MB"] = run.get(what, {}).get("rss_mb")
    return out


def report(results: list[dict]) -> None:
    """Per backend and size, the latest value of every figure (runs may measure parts), and the
    growth exponent between consecutive sizes, against the articles actually stored."""
    for backend in sorted({r["backend"] for r in results}):
        table: dict[int, dict[str, float | None]] = {}
        stored: dict[int, int] = {}
        for run in sorted((r for r in results if r["backend"] == backend), key=lambda r: r["when"]):
            row = table.setdefault(run["size"], {})
            stored[run["size"]] = run.get("articles") or run["size"]
            for name, value in figures(run).items():
                if value is not None or name not in row:
                    row[name] = value
        sizes = sorted(table)
        print(f"\n{backend}: " + ", ".join(f"{stored[s]:,}" for s in sizes) + " articles stored")
        pairs = list(zip(sizes, sizes[1:], strict=False))
        header = f"  {'figure':30}" + "".join(f"{s:>12,}" for s in sizes)
        print(header + "".join(f"  exp {a // 1000}k-{b // 1000}k" for a, b in pairs))
        for name in figures({}):
            values = {s: table[s].get(name) for s in sizes}
            cells = "".join(f"{v:>12,.1f}" if v is not None else f"{'-':>12}" for v in values.values())
            slopes = ""
            for a, b in pairs:
                va, vb = values[a], values[b]
                ok = va is not None and vb is not None and va > 0 and vb > 0
                exp = math.log(vb / va) / math.log(stored[b] / stored[a]) if ok else None
                slopes += f"{exp:>13.2f}" if exp is not None else f"{'-':>13}"
            print(f"  {name:30}{cells}{slopes}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seeds", type=int, default=200, help="articles analysed for real")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "purportedly-bench-scale")
    parser.add_argument("--pg-url", default=os.environ.get("PURPORTEDLY_TEST_PG_URL", ""))
    parser.add_argument("--samples", type=int, default=40, help="requests per latency figure")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a measurement is stopped")
    # a page past this is counted as failed and its figure stops there (the claim page ran for minutes)
    parser.add_argument("--page-timeout", type=float, default=60, help="seconds per web request")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=("adds", "web", "tour", "corpus", *LIBRARY_RUNS)
    )
    parser.add_argument("--report", action="store_true", help="only print the results kept in --work")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results_file = args.work / "results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else []
    if not args.report:
        if args.backend == "postgres" and not args.pg_url:
            raise SystemExit("--backend postgres needs --pg-url (or PURPORTEDLY_TEST_PG_URL)")
        seeds = scale_fill.analysed_seeds(args.work, args.seeds)
        templates = scale_fill.templates(seeds, args.work)
        for size in args.sizes:
            print(f"{args.backend}, {size:,} articles", flush=True)
            run = measure(args, args.backend, size, seeds, templates)
            # read again: another run (another backend, another size) may have written meanwhile
            results = json.loads(results_file.read_text()) if results_file.exists() else []
            results.append(run)
            results_file.write_text(json.dumps(results, indent=1))
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
