"""A cheap look at an article's shape before spaCy sees it: refuse what would take minutes or gigabytes.

spaCy's memory grows with the number of tokens it holds at once (the tok2vec layer keeps arrays
per token: about 16 KB each on en_core_web_sm, measured), and its tokenizer is quadratic on one
long run of punctuation (it strips prefixes one character at a time). A text of 900 KB made of
``A:`` lines is 700,000 tokens; one of 20,000 quote marks a single quadratic token. Both are
refused here in one pass of a compiled regex (a fraction of a second), before that memory is taken.

``MAX_TOKENS`` bounds the memory of one article (the documented ceiling: 2 GB peak RSS for the
whole process, measured by tests/hostile/cases.py); batches are bounded by characters in
``engines.local`` so that many long articles never sit in one ``nlp.pipe`` batch either.
"""

from __future__ import annotations

import re
from itertools import islice

MAX_TOKENS = 80_000  # ~360,000 characters of prose: 25 times the longest real article (~13,000 tokens)
MAX_PUNCTUATION_RUN = 1_000  # the tokenizer takes ~0.1 s on a run this long, 32 s on 20,000
# roughly what spaCy's tokenizer makes a token of: words, single punctuation marks, line breaks
_TOKEN = re.compile(r"\w+|[^\w\s]|\s*\n\s*")
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")


def estimated_tokens(text: str, stop_after: int | None = None) -> int:
    """About how many tokens spaCy makes of ``text`` (counting stops past ``stop_after``)."""
    return sum(1 for _ in islice(_TOKEN.finditer(text), stop_after))


def shape_problem(text: str, max_tokens: int = MAX_TOKENS) -> str | None:
    """Why ``text`` is refused before analysis (one line naming the limit), or None."""
    run = _PUNCTUATION_RUN.search(text)
    if run is not None:
        return (
            f"pathological text: a run of {len(run.group()):,} punctuation marks at character"
            f" {run.start():,} (the limit is {MAX_PUNCTUATION_RUN:,})"
        )
    if estimated_tokens(text, max_tokens + 1) > max_tokens:
        return f"too many tokens to analyse (more than {max_tokens:,}, the limit per article)"
    return None
