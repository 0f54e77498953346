"""Who an interview's Q: and A: turns belong to: the interviewer (byline) and the interviewee (intro)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from purportedly.nlp.doc_index import doc_index

INTERVIEWER = re.compile(
    r"\b(?:[Ii]nterview(?:ed)?|[Qq]uestions)\s+by\s+(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,3})"
)


def interview_parties(doc: Doc, first_turn: int) -> dict[str, tuple[int, int]]:
    """Char offsets of the interviewer's and interviewee's names ({"interviewer": …, "interviewee": …})."""
    parties: dict[str, tuple[int, int]] = {}
    interviewer = _interviewer(doc)
    if interviewer is not None:
        parties["interviewer"] = interviewer
    text = doc_index(doc).text
    interviewer_name = text[interviewer[0] : interviewer[1]] if interviewer else ""
    for ent in doc.ents:
        if ent.start_char >= first_turn:
            break
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent.text not in interviewer_name:
            parties["interviewee"] = (ent.start_char, ent.end_char)
            break
    if "interviewee" not in parties:
        named = _named_subject(doc, first_turn, interviewer_name)
        if named is not None:
            parties["interviewee"] = named
    return parties


def _named_subject(doc: Doc, first_turn: int, interviewer_name: str) -> tuple[int, int] | None:
    """The intro's first two-word proper name NER missed, opening a clause ('Mariana Dovzhenko runs …')."""
    run: list = []
    for token in doc:
        if token.idx >= first_turn:
            break
        if token.pos_ == "PROPN" and token.is_title and token.ent_type_ in ("", "PERSON"):
            run.append(token)
            continue
        opens_clause = token.pos_ in ("VERB", "AUX") or token.text == ","
        if len(run) >= 2 and opens_clause and run[-1].text not in interviewer_name:
            return run[0].idx, run[-1].idx + len(run[-1])
        run = []
    return None


def _interviewer(doc: Doc) -> tuple[int, int] | None:
    """The name after 'Interview by' in the text, or an author of the article found in the text."""
    text = doc_index(doc).text
    match = INTERVIEWER.search(text)
    if match is not None:
        return match.start("name"), match.end("name")
    article = doc._.article
    for author in article.authors if article is not None else []:
        at = text.find(author)
        if at >= 0:
            return at, at + len(author)
    return None
