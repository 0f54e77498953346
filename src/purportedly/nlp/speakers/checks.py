"""Checks on a quote's speaker from the words around it: who announces a release, who said nothing."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from purportedly.model import Quote
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set

ANNOUNCEMENT_REACH = 12  # tokens from the quote's start within which "X reports:" must end
SUBJECT_DEPS = ("nsubj", "nsubjpass")
ANNOUNCER_ENTS = ("ORG", "PERSON", "NORP", "GPE")
NOT_ANNOUNCERS = {"i", "we", "you", "it", "they", "he", "she", "this", "that"}
NOT_SPEAKING_BEFORE = {"i", "we", "you", "it", "this", "that"}  # the writer, or a thing


def _token_before(doc: Doc, char: int) -> Token | None:
    """The last word before ``char``, past the opening mark and spaces."""
    span = doc.char_span(max(0, char - 1), char, alignment_mode="expand")
    i = span.start - 1 if span is not None and len(span) else -1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    return doc[i] if i >= 0 else None


class SpeakerChecks:
    """Reads the cue-verb, refusal-verb and organisation lexicons once."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        self.cues = {c for c in load_set("cue_verbs.txt", data_dir) if " " not in c}
        self.refusals = load_set("refusal_verbs.txt", data_dir)
        self.organisation_nouns = load_set("organisation_nouns.txt", data_dir)

    def announced_by(self, doc: Doc, quote: Quote) -> Token | None:
        """'"The Security Service of Ukraine reports: …"' quoted with no cue outside: the service."""
        if quote.kind != "direct" or quote.cue is not None or quote.nested_in is not None:
            return None
        span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is None:
            return None
        opening = [t for t in span[:ANNOUNCEMENT_REACH] if not t.is_space]
        colon = next((k for k, t in enumerate(opening) if t.text == ":"), None)
        if colon is None or colon < 2:
            return None
        verb = opening[colon - 1]
        if verb.lemma_.lower() not in self.cues or verb.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i < span.start or not self._announcer(subject):
            return None
        return subject

    def _announcer(self, token: Token) -> bool:
        if token.lower_ in NOT_ANNOUNCERS or token.pos_ == "PRON":
            return False
        return token.ent_type_ in ANNOUNCER_ENTS or token.lemma_.lower() in self.organisation_nouns

    def spoke_just_before(self, doc: Doc, quote: Quote, may_speak: Callable[[Token], bool]) -> Token | None:
        """'His sister, Olga, spoke to the local paper. "…"': the subject of a cue verb in the sentence
        right before a quote that has no cue of its own, in the same paragraph."""
        sentence = self._sentence_before(doc, quote)
        if sentence is None:
            return None
        for verb in sorted((t for t in sentence if self._speaks(t)), key=lambda t: t.i != sentence.root.i):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ in NOT_SPEAKING_BEFORE:
                continue
            if may_speak(subject) and not self.did_not_speak(subject):
                return subject
        return None

    def silenced_just_before(self, doc: Doc, quote: Quote) -> bool:
        """'The district prosecutor declined to comment. "…"': whoever speaks next, the sentence
        before says it is not its subject, so no speaker is borrowed from further back."""
        sentence = self._sentence_before(doc, quote)
        subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None) if sentence else None
        return subject is not None and self.did_not_speak(subject)

    @staticmethod
    def _sentence_before(doc: Doc, quote: Quote):
        """The sentence ending right before a cue-less top-level quote in the same paragraph."""
        if quote.kind != "direct" or quote.cue is not None or quote.nested_in is not None:
            return None
        before = _token_before(doc, quote.start)
        if before is None or "\n" in doc_index(doc).text[before.idx : quote.start]:
            return None  # the quote opens its paragraph: the paragraph before is the quote step's call
        sentence = doc_index(doc).sentence_at(before.idx)
        if sentence is None or sentence.end > before.i + 1:
            return None  # the quote continues a sentence: not a new sentence after an introduction
        return sentence

    def _speaks(self, token: Token) -> bool:
        return token.pos_ == "VERB" and token.lemma_.lower() in self.cues

    def did_not_speak(self, subject: Token) -> bool:
        """'The third family declined to speak', 'The ministry did not respond': no words of theirs."""
        if subject.dep_ not in SUBJECT_DEPS:
            return False
        verb = subject.head
        if verb.lemma_.lower() in self.refusals:
            return True
        negated = any(c.dep_ == "neg" for c in verb.children)
        return negated and verb.lemma_.lower() in self.cues
