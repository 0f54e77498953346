"""Cross-article analysis of a stored corpus: stories, shared quotes, corroboration, contradictions,
entities, a timeline and the registry of released recordings. Every function takes a Store (or a
Corpus / a list of Analyses).

Given a Store, the functions stream only the projections they need from its tables (article
metadata, quotes, claims with chains, and the per-article ``article_features`` written at ingest:
story shingles and MinHash signatures, entities, counts, dated sentences), never whole analyses;
given Analyses, they project them in memory (``views.py``). Both give the same results.

>>> from purportedly.store import Store
>>> from purportedly import corpus
>>> store = Store.open("corpus.db")                 # doctest: +SKIP
>>> corpus.stories(store)                           # doctest: +SKIP
>>> for claim in corpus.corroboration(store):       # doctest: +SKIP
...     print(claim.text, claim.independent_origins)
"""

from __future__ import annotations

from purportedly.corpus.about import claims_about
from purportedly.corpus.clusters import Story, stories
from purportedly.corpus.common import Corpus, StoredArticle
from purportedly.corpus.contradictions import Contradiction, contradictions
from purportedly.corpus.corroboration import CorroboratedClaim, Origin, corroboration
from purportedly.corpus.entities import CorpusEntity, entities
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.corpus.recordings import Carriage, RecordingEntry, recording, recordings
from purportedly.corpus.timeline import TimelineEvent, timeline

__all__ = [
    "Carriage",
    "RecordingEntry",
    "Contradiction",
    "CorpusEntity",
    "CorroboratedClaim",
    "Corpus",
    "Origin",
    "QuoteGroup",
    "Story",
    "StoredArticle",
    "TimelineEvent",
    "claims_about",
    "contradictions",
    "corroboration",
    "entities",
    "quote_groups",
    "recording",
    "recordings",
    "stories",
    "timeline",
]
