"""Checks on a quote's speaker from the words around it: who announces a release, who said nothing."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from purportedly.model import Quote
from purportedly.nlp.quote_lexicon import DATA_DIR, load_set

ANNOUNCEMENT_REACH = 12  # tokens from the quote's start within which "X reports:" must end
SUBJECT_DEPS = ("nsubj", "nsubjpass")
ANNOUNCER_ENTS = ("ORG", "PERSON", "NORP", "GPE")
NOT_ANNOUNCERS = {"i", "we", "you", "it", "they", "he", "she", "this", "that"}


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

    def did_not_speak(self, subject: Token) -> bool:
        """'The third family declined to speak', 'The ministry did not respond': no words of theirs."""
        if subject.dep_ not in SUBJECT_DEPS:
            return False
        verb = subject.head
        if verb.lemma_.lower() in self.refusals:
            return True
        negated = any(c.dep_ == "neg" for c in verb.children)
        return negated and verb.lemma_.lower() in self.cues
