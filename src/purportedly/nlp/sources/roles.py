"""Roles that rule a name out as a source: the voices a releasing service identifies on its recording."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.sources.citing_lexicon import CitingLexicon

AS_GAP = 6  # 'identified the man in the second clip as ...': words between the verb and 'as'
NAME_TAIL = 8  # a name after 'as' with its title: 'Sgt. Ivan Petrovich Orlov'
REFLEXIVES = frozenset({"herself", "himself", "themselves", "itself", "myself", "ourselves"})


def identified_spans(doc: Doc, sentences: list[Span], lexicon: CitingLexicon) -> list[tuple[int, int]]:
    """Characters of the names a service gives the voices it released: 'the SBU identified the
    speaker as Sgt. Ivan Orlov' names a man heard on the call, not someone the article cites.
    Found with one regex over the text (cheap), and read from the tokens, not the parse: the
    small model often breaks the sentence at 'Sgt.'."""
    pattern = _identify_pattern(lexicon.identify_verbs)
    text = doc_index(doc).text  # doc.text rebuilds the string on every call
    spans = []
    for sentence in sentences:
        for match in pattern.finditer(text, sentence.start_char, sentence.end_char):
            if REFLEXIVES & set(match.group("gap").lower().split()):
                continue  # 'a woman who identified herself as his wife' describes a source
            span = _name_after(doc, match.end())
            if span is not None:
                spans.append(span)
    return spans


@lru_cache(maxsize=4)
def _identify_pattern(verbs: frozenset[str]) -> re.Pattern:
    stems = sorted({v[:-1] if v.endswith(("e", "y")) else v for v in verbs}, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in stems)
    return re.compile(
        rf"\b(?:{alternatives})\w*(?P<gap>(?:\s+[^\s,;:]+){{0,{AS_GAP}}}?)\s+as\s+", re.IGNORECASE
    )


def _name_after(doc: Doc, start: int) -> tuple[int, int] | None:
    """The capitalised run (titles and their dots included) that starts at ``start``."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or not len(first):
        return None
    i = first[0].i
    end = i
    while end < min(len(doc), i + NAME_TAIL) and (
        doc[end].is_title or doc[end].is_upper or doc[end].text == "."
    ):
        end += 1
    if end == i:
        return None
    return doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
