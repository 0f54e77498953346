"""Speakers of quotes as citations: who the article quotes, and which voices are the outlet's own."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list
from purportedly.nlp.quotes.lexicon import load_set
from purportedly.nlp.sources.patterns import Citation, citation_of


def speaker_citations(
    doc: Doc,
    interviewer_labels: frozenset[str] = frozenset(),
    source_nouns: frozenset[str] = frozenset(),
    document_nouns: frozenset[str] = frozenset(),
) -> list[Citation]:
    """Speakers of quotes, as citations (whether they are sources is decided later)."""
    found = []
    labels = interviewer_labels or DEFAULT_INTERVIEWER_LABELS
    text = doc_index(doc).text
    quotes = get_list(doc, "quotes") + get_list(doc, "indirect_quotes")
    # a pronoun that once narrates a recording ('he says') narrates its continuations too
    narrated = {
        q.speaker_mention.start
        for q in quotes
        if q.speaker_mention is not None and (q.cue or "").lower() in PRESENT_CUES
    }
    # and a voice the article narrates on a recording ('Ivan Orlov ... he says') is still on it
    # when a later line of the call takes a past tense ('"Back to work," he said')
    voices = {q.speaker for q in quotes if q.speaker and (q.cue or "").lower() in PRESENT_CUES}
    # a transcript with an interviewer's turns is an interview: its other labelled voices are
    # guests who told the programme something, not voices on a released call
    interview = any(q.kind == "turn" and is_interviewer(q, labels) for q in quotes)
    for quote in quotes:
        span = speaker_span(doc, text, quote, narrated, source_nouns)
        if span is None or is_interviewer(quote, labels):
            continue  # the interviewer works for the publisher
        if quote.nested_in is not None:
            continue  # quoted by another speaker, not cited by the article
        if spoken_by_document(doc, quote, document_nouns):
            continue  # 'his documents state ...': the papers speak, their holder is no source
        if narrated_voice(quote, voices):
            continue
        present = (quote.cue or "").lower() in PRESENT_CUES
        if interview and quote.kind == "turn":
            found.append(guest_citation(span, quote.cue))
        else:
            found.append(citation_of(span.root, "quote_speaker", quote.cue, present))
    return found


def guest_citation(span: Span, cue: str | None) -> Citation:
    """A guest's turn label names the guest: 'OLHA MARCHUK:' is a proper name even in capitals
    (the tagger reads capitals as common nouns)."""
    citation = citation_of(span.root, "interviewee", cue)
    if span.text.isupper() and sum(w.isalpha() for w in span.text.split()) >= 2:
        return replace(citation, name_start=span.start_char, name_end=span.end_char, proper=True)
    return citation


def narrated_voice(quote, voices: set[str]) -> bool:
    """A pronoun quote ('he said') of a speaker otherwise only narrated on a recording."""
    mention = quote.speaker_mention
    return mention is not None and mention.text.lower() in PERSON_PRONOUNS and quote.speaker in voices


def spoken_by_document(doc: Doc, quote, document_nouns: frozenset[str]) -> bool:
    """The cue verb's subject is a document ('His documents state that ...')."""
    if quote.cue_span is None or not document_nouns:
        return False
    cue = doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in document_nouns for c in cue.root.children)


def is_interviewer(quote, labels: frozenset[str]) -> bool:
    """A turn labelled 'PRESENTER:' or 'Q:' is the outlet's own voice."""
    return (quote.cue or "").strip().rstrip(":").strip().upper() in labels


def interviewer_turns(doc: Doc, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the interviewer's turns (where the publisher itself speaks)."""
    quotes = get_list(doc, "quotes")
    return [(q.start, q.end) for q in quotes if q.kind == "turn" and is_interviewer(q, labels)]


PERSON_PRONOUNS = frozenset({"he", "she"})
DEFAULT_INTERVIEWER_LABELS = frozenset({"Q", "QUESTION", "INTERVIEWER"})
PRESENT_CUES = load_set("present_cues.txt")  # cues that narrate a recording ("the soldier says")


def speaker_span(
    doc: Doc,
    text: str,
    quote,
    narrated: frozenset[int] | set[int] = frozenset(),
    source_nouns: frozenset[str] = frozenset(),
) -> Span | None:
    """The speaker's mention at the attribution, or the first place the text names the speaker."""
    mention = quote.speaker_mention
    # '"...," he said' after 'An analyst, Ivan Petrov, urged caution': cite the person the pronoun
    # stands for; not for present-tense narration ('he says' on a recording) or an 'it'
    by_pronoun = (
        mention is not None
        and mention.text.lower() in PERSON_PRONOUNS
        and (quote.cue or "").lower() not in PRESENT_CUES
        and mention.start not in narrated
        and (quote.speaker or mention.text) != mention.text
    )
    if mention is not None and not by_pronoun:
        start, end = mention.start, mention.end
    elif quote.speaker and len(quote.speaker) > 2:
        start = text.rfind(quote.speaker, 0, quote.start)
        if start < 0:
            start = text.find(quote.speaker)
        end = start + len(quote.speaker)
        if start < 0:
            return None
    else:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if by_pronoun and span is not None and len(span) and span.root.pos_ != "PROPN":
        # the antecedent is no name the parse can cite, unless it describes a source ('A HUR
        # spokesperson declined to say which unit. "The work continues," he said.')
        return span if span.root.lower_ in source_nouns else None
    return span if span is not None and len(span) else None
