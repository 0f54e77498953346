"""Source chains: who said it first, what carried it (a recording), who released and relayed it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from purportedly.model import ChainLink, Quote, Source
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.quote_lexicon import load_set
from purportedly.nlp.source_merge import key as name_key

# "intercepted phone call", "audio recording", "video", "clip": what a speaker was heard on.
RECORDING = re.compile(
    r"\b(?:(?:purportedly\s+|allegedly\s+)?(?:intercepted|leaked|audio|video|phone|telephone|radio|"
    r"new|second|first|another|fresh)\s+){0,3}"
    r"(?:recording|call|conversation|clip|video|intercept|tape|footage|audio|transcript)s?\b",
    re.IGNORECASE,
)
PRESENT_CUES = load_set("present_cues.txt")  # cues that narrate a recording ("the soldier says")
RELEASER_KINDS = frozenset(
    {"intelligence_service", "military", "ministry", "government", "channel", "organisation"}
)
RELAY_KINDS = frozenset({"outlet", "news_agency"})
CITING = re.compile(r"\b(?:citing|quoting)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
TRANSLATION = re.compile(r"translat\w*\s+(?:by|from|for)?\s*$", re.IGNORECASE)
CONTEXT_CHARS = 1500  # how far back a recording can be described before its quotes


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    source: Source


class ChainBuilder:
    """Build chains for one Doc; every lookup is a bisect over sorted mentions."""

    def __init__(self, doc: Doc, sources: list[Source]) -> None:
        self.doc = doc
        self.index = doc_index(doc)
        self.text = self.index.text
        self.sources = sources
        self.mentions = sorted(
            (Mention(m.start, m.end, s) for s in sources for m in s.mentions), key=lambda m: m.start
        )
        self.mention_starts = [m.start for m in self.mentions]
        self.by_name = {name_key(alias): s for s in sources for alias in (s.name, *s.aliases)}
        self.recordings = [m.span() for m in RECORDING.finditer(self.text) if is_noun_at(doc, m.end())]
        self.recording_starts = [s for s, _ in self.recordings]
        self.article = article_link(doc)

    # ---------------------------------------------------------------- lookups
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.mentions[
            bisect_left(self.mention_starts, start) : bisect_right(self.mention_starts, end - 1)
        ]

    def source_named(
        self, name: str | None, start: int | None = None, end: int | None = None
    ) -> Source | None:
        """The source a speaker name or mention refers to: by name, else a source mention at the
        start of the speaker mention, or right after a description ('pro-war bloggers Anna X')."""
        source = self.by_name.get(name_key(name)) if name else None
        if source is not None or start is None or end is None:
            return source
        for mention in self.mentions_in(start, end + 3):
            if mention.start <= start + 4 or mention.start >= end:
                return mention.source
        return None

    def recording_near(self, sentence: Span, before: int) -> tuple[str, Span] | None:
        """The recording described in the sentence, else the last one described before ``before``."""
        inside = self.recordings[
            bisect_left(self.recording_starts, sentence.start_char) : bisect_right(
                self.recording_starts, sentence.end_char - 1
            )
        ]
        if not inside:
            i = bisect_right(self.recording_starts, before) - 1
            if i < 0 or before - self.recordings[i][0] > CONTEXT_CHARS:
                return None
            inside = [self.recordings[i]]
        start, end = max(inside, key=lambda r: r[1] - r[0])
        return " ".join(self.text[start:end].split()), self.index.sentence_at(start)

    def has_recording(self, sentence: Span) -> bool:
        i = bisect_left(self.recording_starts, sentence.start_char)
        return i < len(self.recordings) and self.recordings[i][0] < sentence.end_char

    def releaser_near(self, recording_sentence: Span | None, before: int) -> Source | None:
        """Who released the recording: a releasing kind of source in its sentence, else before it."""
        if recording_sentence is not None:
            for mention in self.mentions_in(recording_sentence.start_char, recording_sentence.end_char):
                if mention.source.kind in RELEASER_KINDS:
                    return mention.source
        for mention in reversed(self.mentions[: bisect_right(self.mention_starts, before)]):
            if mention.source.kind == "intelligence_service":
                return mention.source
        return next((s for s in self.sources if s.kind == "intelligence_service"), None)

    # ---------------------------------------------------------------- chains
    def for_quote(self, quote: Quote, sentence: Span | None) -> list[ChainLink]:
        mention = quote.speaker_mention
        speaker = self.source_named(
            quote.speaker, mention.start if mention else None, mention.end if mention else None
        )
        links = [speaker_link(quote.speaker, speaker)]
        used = {speaker.id} if speaker else set()
        if speaker is not None and sentence is not None:
            cited = self.cited_by(sentence, used)
            if cited:  # 'Ukrainska Pravda, citing sources in intelligence, reported ...'
                links = [source_link(s, "speaker") for s in cited] + [source_link(speaker, "relay")]
                used |= {s.id for s in cited}
        if sentence is not None and self.is_recorded(quote, speaker, sentence):
            recording = self.recording_near(sentence, quote.start)
            name, recording_sentence = recording if recording else ("recording", None)
            links.append(ChainLink(name=name, role="recording", kind="recording"))
            releaser = self.releaser_near(recording_sentence or sentence, quote.start)
            if releaser is not None and releaser.id not in used:
                links.append(source_link(releaser, "releaser"))
                used.add(releaser.id)
        if sentence is not None:
            # reported speech often runs on to the end of the sentence, relays included
            skip = None if quote.kind == "indirect" else (quote.start, quote.end)
            links += self.relays(sentence, used, skip=skip)
        return links + [self.article]

    def cited_by(self, sentence: Span, used: set[str]) -> list[Source]:
        """Sources a speaker cites in the sentence: 'citing X', 'quoting X'."""
        found = []
        for mention in unique_sources(self.mentions_in(sentence.start_char, sentence.end_char)):
            before = self.text[max(sentence.start_char, mention.start - 25) : mention.start]
            if mention.source.id not in used and CITING.search(before):
                found.append(mention.source)
        return found

    def is_recorded(self, quote: Quote, speaker: Source | None, sentence: Span) -> bool:
        """Words heard on a recording: a speaker the article does not cite, narrated in the
        present tense or near a description of a call, video or intercept."""
        if speaker is not None:
            return False
        if (quote.cue or "").lower() in PRESENT_CUES or quote.kind == "turn" or self.has_recording(sentence):
            return True
        mentions = self.mentions_in(sentence.start_char, sentence.end_char)
        if any(m.source.kind in RELAY_KINDS for m in mentions):
            return False  # 'a soldier told the BBC': an interview, not an intercept
        return self.recording_near(sentence, quote.start) is not None

    def for_sentence(self, sentence: Span, skip: tuple[int, int] | None = None) -> list[ChainLink]:
        """Chain of a sentence that attributes what it says: speakers, recording, releaser, relays."""
        mentions = unique_sources(self.mentions_in(sentence.start_char, sentence.end_char))
        speakers = [m.source for m in mentions if m.source.kind not in RELAY_KINDS | {"intelligence_service"}]
        cited = self.cited_by(sentence, set())
        if cited:  # 'Outlet X, citing Y, reported': Y first, X relays
            speakers = cited + [s for s in speakers if s not in cited]
        agencies = [m.source for m in mentions if m.source.kind == "intelligence_service"]
        links = [source_link(s, "speaker") for s in speakers]
        if agencies:
            recording = self.recording_near(sentence, sentence.start_char) if not speakers else None
            if recording is not None and recording[1] is not None and recording[1].start == sentence.start:
                links.append(ChainLink(name=recording[0], role="recording", kind="recording"))
            role = "releaser" if links else "speaker"
            links += [source_link(s, role) for s in agencies]
        used = {s.id for s in speakers + agencies}
        relays = self.relays(sentence, used, skip)
        if not links and relays:
            relays[0] = relays[0].model_copy(update={"role": "speaker"})
        return links + relays + [self.article]

    def relays(self, sentence: Span, used: set[str], skip: tuple[int, int] | None) -> list[ChainLink]:
        links = []
        for mention in unique_sources(self.mentions_in(sentence.start_char, sentence.end_char)):
            if mention.source.id in used or (skip and skip[0] <= mention.start < skip[1]):
                continue
            before = self.text[max(sentence.start_char, mention.start - 30) : mention.start]
            role = "translator" if TRANSLATION.search(before) else "relay"
            if mention.source.kind in RELAY_KINDS or role == "translator":
                links.append(source_link(mention.source, role))
                used.add(mention.source.id)
        return links


def unique_sources(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        if mention.source.id not in seen:
            seen.add(mention.source.id)
            out.append(mention)
    return out


def speaker_link(name: str | None, source: Source | None) -> ChainLink:
    if source is not None:
        return source_link(source, "speaker")
    if not name:
        return ChainLink(name="unidentified speaker", role="speaker", kind="unknown")
    return ChainLink(name=name, role="speaker", kind="person")


def source_link(source: Source, role: str) -> ChainLink:
    return ChainLink(name=source.name, role=role, kind=source.kind, source_id=source.id)


def article_link(doc: Doc) -> ChainLink:
    article = doc._.article
    name = "this article"
    if article is not None and article.outlet:
        name = article.outlet
    elif article is not None and article.authors:
        name = ", ".join(article.authors)
    return ChainLink(name=name, role="article", kind="outlet")


def is_noun_at(doc: Doc, end: int) -> bool:
    """The recording word ending at ``end`` is a noun ("the call"), not a verb ("they call us")."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].pos_ in ("NOUN", "PROPN")
