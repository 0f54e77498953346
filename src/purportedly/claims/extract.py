"""Find the claims of an article: quotes, reported speech, attributed and hedged sentences."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from purportedly.claims.chains import CONTEXT_CHARS, ChainBuilder
from purportedly.claims.factuality import factuality_of, own_voice, with_perspectives
from purportedly.claims.scope import CueIndex
from purportedly.model import Claim, Quote
from purportedly.nlp.extensions import get_list
from purportedly.nlp.hedges.cues import CueMatch
from purportedly.nlp.quoted import SpanIndex, merge_spans
from purportedly.nlp.sources.patterns import STRONG_VERBS
from purportedly.nlp.story import story_segments

ATTRIBUTING_LEMMAS = STRONG_VERBS | {"say", "add", "accuse"}
ATTRIBUTING_PHRASES = ("according to", "as per")
# an attribution that points back to where the speaker's earlier words appeared
SAME_CARRIER = re.compile(
    r"\b(?:in|on)\s+(?:the\s+same|that|this|the\s+same\s+(?:day's|night's))\s+"
    r"(?:post|message|video|clip|broadcast|interview|statement|thread|entry|channel|update)\b",
    re.IGNORECASE,
)


class ClaimExtractor:
    """Build every claim of one Doc with its chain and factuality."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.chains = ChainBuilder(doc, get_list(doc, "sources"))
        self.cues = CueIndex(doc)
        self.claims: list[Claim] = []
        self.covered: set[int] = set()  # start offsets of sentences some claim already covers
        self.quoted: list[tuple[int, int]] = []  # spans of quotes already made claims
        self.same_carrier: list[int] = []  # claims whose attribution says 'in the same post'

    def run(self) -> list[Claim]:
        quotes = get_list(self.doc, "quotes")
        by_id = {q.id: q for q in quotes}
        for quote in quotes + get_list(self.doc, "indirect_quotes"):
            self.add_quote(quote, by_id)
        self.inherit_carriers()
        quoted = SpanIndex(merge_spans(self.quoted))
        for sentence in self.story_sentences():
            if sentence.start_char not in self.covered and not quoted.overlaps(
                sentence.start_char, sentence.end_char
            ):
                self.add_sentence(sentence)
        return self.claims

    def story_sentences(self) -> list[Span]:
        story = SpanIndex([(s.start, s.end) for s in story_segments(self.doc)])
        return [s for s in self.cues.index.sentences if story.covers(s.start_char)]

    def add_quote(self, quote: Quote, by_id: dict[str, Quote]) -> None:
        anchor = quote.speaker_mention or quote
        sentence = self.cues.sentence_of(anchor.start)
        chain = self.chains.for_quote(quote, sentence)
        outer = by_id.get(quote.nested_in) if quote.nested_in else None
        if outer is not None:  # words quoted inside a quote reached us through its speaker
            outer_sentence = self.cues.sentence_of(outer.start)
            outer_chain = self.chains.for_quote(outer, outer_sentence)
            same_speaker = chain[0].name == outer_chain[0].name
            # the outer speaker passes the inner speaker's words on: a relay in this chain
            relayed = [outer_chain[0].model_copy(update={"role": "relay"})] + outer_chain[1:]
            chain = outer_chain if same_speaker else chain[:1] + relayed
        # a direct quote's own hedges are the speaker's; reported speech is the article's wording
        skip = None if quote.kind == "indirect" else (quote.start, quote.end)
        cues = self.cues.in_scope(sentence, skip=skip)
        cues = [c for c in cues if keeps_denial(c, quote)]
        cues += self.recording_cues(chain, quote)
        factuality = with_perspectives(
            factuality_of(cues), self.cue_lemma(quote), self.cues.within(quote.start, quote.end), cues
        )
        self.append(quote.text, quote.start, quote.end, chain, factuality, quote_id=quote.id)
        if sentence is not None:
            self.covered.add(sentence.start_char)
            if len(chain) == 2 and SAME_CARRIER.search(
                self.cues.index.text, sentence.start_char, sentence.end_char
            ):
                self.same_carrier.append(len(self.claims) - 1)
        self.quoted.append((quote.start, quote.end))

    def inherit_carriers(self) -> None:
        """'…,' he wrote in the same post: the words came the way the speaker's earlier words
        came, so the claim takes the carriers of the speaker's latest claim before it."""
        for index in self.same_carrier:
            claim = self.claims[index]
            earlier = [
                c
                for c in self.claims
                if c.start < claim.start and c.chain[0].name == claim.chain[0].name and len(c.chain) > 2
            ]
            if earlier:
                carriers = max(earlier, key=lambda c: c.start).chain[1:]
                self.claims[index] = claim.model_copy(update={"chain": claim.chain[:1] + carriers})

    def recording_cues(self, chain, quote: Quote) -> list[CueMatch]:
        """Hedges on the recording carry to what is heard on it: 'a purportedly intercepted
        call', and a later failed check about it ('could not verify the recording')."""
        if not any(link.role == "recording" for link in chain):
            return []
        sentence = self.cues.sentence_of(quote.start)
        recording = self.chains.recording_near(sentence, quote.start) if sentence is not None else None
        if recording is None or recording[1] is None:
            return []
        described = recording[1]
        cues = [c for c in self.cues.in_scope(described) if c.type.category in ("evidential", "failed_check")]
        later = self.cues.between(described.start_char, quote.end + CONTEXT_CHARS)
        for cue in later:
            if cue.type.category == "failed_check":
                cue_sentence = self.cues.sentence_of(cue.start)
                if cue_sentence is not None and self.chains.has_recording(cue_sentence):
                    cues.append(cue)
        return cues

    def add_sentence(self, sentence: Span) -> None:
        cues = self.cues.in_scope(sentence)
        attributed = self.is_attributed(sentence)
        if not attributed and not any(c.type.hedge for c in cues):
            return
        chain = self.chains.for_sentence(sentence) if attributed else [self.chains.article]
        text = self.cues.index.text
        start, end = trim(text, sentence.start_char, sentence.end_char)
        factuality = factuality_of(cues)
        if len(chain) == 1:  # only the article link: its own voice
            factuality = own_voice(factuality)
        else:
            verb = next((t.lemma_ for t in sentence if t.lemma_.lower() in ATTRIBUTING_LEMMAS), None)
            factuality = with_perspectives(factuality, verb, cues, cues)
        self.append(text[start:end], start, end, chain, factuality)

    def is_attributed(self, sentence: Span) -> bool:
        if not self.chains.mentions_in(sentence.start_char, sentence.end_char):
            return False
        lowered = sentence.text.lower()
        if any(p in lowered for p in ATTRIBUTING_PHRASES):
            return True
        return any(t.lemma_.lower() in ATTRIBUTING_LEMMAS and t.pos_ in ("VERB", "AUX") for t in sentence)

    def cue_lemma(self, quote: Quote) -> str | None:
        """Lemma of the quote's cue verb ('admitted' -> 'admit'); None for labels and no cue."""
        if quote.cue_span is None:
            return None
        span = self.doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
        return span[0].lemma_ if span is not None and len(span) else None

    def append(self, text, start, end, chain, factuality, quote_id: str | None = None) -> None:
        self.claims.append(
            Claim(
                id=f"c{len(self.claims) + 1}",
                text=text,
                start=start,
                end=end,
                quote_id=quote_id,
                chain=chain,
                factuality=factuality,
            )
        )


def keeps_denial(cue: CueMatch, quote: Quote) -> bool:
    """A denial scopes over the quote only when it is the quote's own cue ('X denied that ...')."""
    if cue.type.category != "denial":
        return True
    return quote.kind == "indirect" and cue.start < quote.start


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
