"""Time each cross-article function on one store, in one process, in the order the workspace runs
them: quote groups, stories, contradictions, corroboration, denials, and the claims-about filter.

    nice -n 10 .venv/bin/python benchmarks/cross_steps.py /tmp/bench-corpus/store-10000.db

One JSON line per step: wall and CPU seconds (``time.process_time``: on a shared machine the
comparable figure), peak RSS so far (``ru_maxrss``) and how many results it gave.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any


def step(name: str, run: Callable[[], list[Any]]) -> list[Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    found = run()
    row = {
        "step": name,
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "n": len(found),
    }
    print(json.dumps(row), flush=True)
    return found


def main() -> None:
    from purportedly import corpus
    from purportedly.corpus.about import topic_names
    from purportedly.corpus.denials import denials
    from purportedly.names import fold
    from purportedly.store import Store

    topic = sys.argv[2] if len(sys.argv) > 2 else "Kovalenko"
    store = Store.open(sys.argv[1], read_only=True)
    quotes = step("quote_groups", lambda: corpus.quote_groups(store))
    stories = step("stories", lambda: corpus.stories(store, quotes=quotes))
    step("contradictions", lambda: corpus.contradictions(store, story_list=stories))
    claims = step("corroboration", lambda: corpus.corroboration(store, quotes=quotes, story_list=stories))
    step("denials", lambda: denials(store, story_list=stories))

    def about() -> list[Any]:
        names = topic_names(store, topic)
        return [c for c in claims if any(n in fold(r.text) for r in c.reports for n in names)]

    step("claims_about, given corroboration", about)


if __name__ == "__main__":
    main()
