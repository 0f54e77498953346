"""Claims about a topic: corroborated claims whose wording names it or any alias of its canonical entity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from purportedly.corpus.common import Corpus
from purportedly.corpus.corroboration import CorroboratedClaim, corroboration
from purportedly.corpus.entities import entities
from purportedly.corpus.views import CorpusView, view_of
from purportedly.names import fold

if TYPE_CHECKING:
    from purportedly.store.core import Store


def topic_names(corpus: Corpus | CorpusView, topic: str) -> set[str]:
    """The topic and, when it names a canonical entity, every alias of it ('Bilhorod' -> 'Belgorod')."""
    needle = fold(topic.strip())
    names = {needle}
    for entity in entities(corpus):
        spellings = (entity.name, *entity.aliases)
        if any(needle == fold(n) or needle in fold(n).split() for n in spellings):
            names.update(fold(n) for n in spellings)
    return {n for n in names if n}


def claims_about(source: Store | Corpus | CorpusView, topic: str) -> list[CorroboratedClaim]:
    """Corroborated claims (all their reports) of which some report's wording names ``topic``."""
    view = view_of(source)
    names = topic_names(view, topic)
    return [
        claim
        for claim in corroboration(view)
        if any(name in fold(report.text) for report in claim.reports for name in names)
    ]
