"""Source chains: who said it first, what carried it (a recording), who released and relayed it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from purportedly.claims.carriers import load_carriers
from purportedly.model import ChainLink, Quote, Source
from purportedly.names import source_key as name_key
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list
from purportedly.nlp.quotes.lexicon import load_set

# "intercepted phone call", "audio recording", "video", "clip": what a speaker was heard on.
RECORDING = re.compile(
    # the lookahead lists every letter a match can start with (the words below): the engine
    # skips other places at once instead of trying the whole pattern there (twice as fast)
    r"(?=[acfilnprstv])\b(?:(?:purportedly\s+|allegedly\s+)?(?:intercepted|leaked|audio|video|phone|telephone|radio|"
    r"new|second|first|another|fresh)\s+){0,3}"
    r"(?:recording|call|conversation|clip|video|intercept|tape|footage|audio|transcript)s?\b",
    re.IGNORECASE,
)
PRESENT_CUES = load_set("present_cues.txt")
ORGANISATION_NOUNS = load_set(
    "organisation_nouns.txt"
)  # 'ministry', 'service', 'office' ...  # cues that narrate a recording ("the soldier says")
RELEASER_KINDS = frozenset(
    {"intelligence_service", "military", "ministry", "government", "channel", "organisation"}
)
RELAY_KINDS = frozenset({"outlet", "news_agency"})
# 'citing X', 'quoting the news site X', 'which cited a local official, X'; never 'cited by X'
CITING = re.compile(r"\b(?:citing|quoting|cited|quoted)(?!\s+by\b)\s+(?:[\w'’.-]+,?\s+){0,4}$", re.IGNORECASE)
# the cited source cites in turn: 'X, citing Y, which cited Z' (Z said it first)
CITING_IN_TURN = re.compile(
    r"\b(?:which|who|that)\s+(?:had\s+|in\s+turn\s+)?(?:cited|quoted)\b", re.IGNORECASE
)
CITING_WINDOW = 60  # characters before a name that can hold its 'citing' phrase
TRANSLATION = re.compile(r"translat\w*\s+(?:by|from|for)?\s*$", re.IGNORECASE)
# a sentence that goes on about the recording: 'The video was shared by ...', 'It was aired ...'
RECORDING_SUBJECT = re.compile(
    r"\W*(?:it|(?:the|this|that)\s+(?:\w+\s+){0,2}(?:recording|call|conversation|clip|video|intercept|tape|footage|audio))\b",
    re.IGNORECASE,
)
CONTEXT_CHARS = 1500
MEDIUM_REACH = 60  # how far past the cue 'on his Telegram channel' can come ('wrote late on Sunday on ...')
# who publishes as itself: its own channel or post is no extra step to the article
INSTITUTION_KINDS = frozenset(
    {
        "intelligence_service",
        "ministry",
        "military",
        "government",
        "organisation",
        "outlet",
        "news_agency",
        "channel",
    }
)  # how far back a recording can be described before its quotes


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
        # named parties the source list left out, for links a phrase introduces ('citing X')
        self.named = sorted(
            self.mentions + unlisted_mentions(doc, self.mentions, self.by_name), key=lambda m: m.start
        )
        self.named_starts = [m.start for m in self.named]
        self.recordings = [m.span() for m in RECORDING.finditer(self.text) if is_noun_at(doc, m.end())]
        self.recording_starts = [s for s, _ in self.recordings]
        self.article = article_link(doc)
        self.carriers = load_carriers()
        self._relay_names: dict[int, list[re.Match]] = {}

    # ---------------------------------------------------------------- lookups
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.mentions[
            bisect_left(self.mention_starts, start) : bisect_right(self.mention_starts, end - 1)
        ]

    def named_in(self, start: int, end: int) -> list[Mention]:
        """Source mentions plus person and organisation entities no source covers."""
        return self.named[bisect_left(self.named_starts, start) : bisect_right(self.named_starts, end - 1)]

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
        skip = None if quote.kind == "indirect" else (quote.start, quote.end)
        document = self.document_link(quote, speaker)
        if document is not None:  # read, not heard: a document, then who holds or relays it
            used = {speaker.id} if speaker else set()
            relays = self.relays(sentence, used, skip) if sentence is not None else []
            return [document, *relays, self.article]
        links = [speaker_link(quote.speaker, speaker)]
        own = links[0]  # the speaker's own link, whose channel or post may follow it
        used = {speaker.id} if speaker else set()
        if speaker is not None and sentence is not None:
            cited = self.cited_by(sentence, used)
            if cited:  # 'Ukrainska Pravda, citing sources in intelligence, reported ...'
                links = citation_links(cited) + [source_link(speaker, "relay")]
                used |= {s.id for s, _ in cited}
        links += self.medium_links(quote, own, speaker, used)
        if sentence is not None and self.is_recorded(quote, speaker, sentence):
            recording = self.recording_near(sentence, quote.start)
            name, recording_sentence = recording if recording else ("recording", None)
            links.append(ChainLink(name=name, role="recording", kind="recording"))
            releaser = self.releaser_near(recording_sentence or sentence, quote.start)
            if releaser is not None and releaser.id not in used:
                links.append(source_link(releaser, "releaser"))
                used.add(releaser.id)
            # 'The video was shared by the Kyiv Post': where the recording or its release is told
            for told in self.release_sentences(recording_sentence, releaser, quote.start):
                links += self.recording_relays(told, used)
        if sentence is not None:
            # reported speech often runs on to the end of the sentence, relays included
            links += self.relays(sentence, used, skip=skip)
        return links + [self.article]

    def document_link(self, quote: Quote, speaker: Source | None) -> ChainLink | None:
        """A speaker mention that names a document ('a leaked order says', 'according to a
        ministry letter') makes the document the first link, never a person."""
        if speaker is not None and speaker.kind == "document":
            return source_link(speaker, "document")
        mention = quote.speaker_mention.text if quote.speaker_mention else (quote.speaker or "")
        if not self.carriers.is_document(mention):
            # the mention may have been resolved to an antecedent ('his documents' -> the
            # officer); the cue's own grammatical subject still says what spoke
            mention = self.cue_subject(quote) or ""
            if not self.carriers.is_document(mention):
                return None
        owner = quote.speaker if quote.speaker and not self.carriers.is_document(quote.speaker) else None
        name = self.carriers.document_name(mention, owner)
        return ChainLink(name=name, role="document", kind="document")

    def cue_subject(self, quote: Quote) -> str | None:
        """The cue verb's subject up to its head when a document noun heads it ('His documents'
        state), else None."""
        if quote.cue_span is None:
            return None
        span = self.doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        subject = next((c for c in span[0].children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ not in self.carriers.documents:
            return None  # only a document subject matters here; skip building the phrase
        return self.text[subject.left_edge.idx : subject.idx + len(subject)]

    def medium_links(
        self, quote: Quote, speaker_link: ChainLink, speaker: Source | None, used: set[str]
    ) -> list[ChainLink]:
        """The channel or post a person published in: 'wrote on his Telegram channel Okopnaya
        Pravda' (a channel source), else the phrase itself ("Anna Reva's Telegram channel").
        Only at the attribution (speaker to just past the cue), and not for institutions,
        whose own posts add no step between them and the article."""
        if quote.cue_span is None or speaker_link.kind in INSTITUTION_KINDS:
            return []
        anchor = quote.speaker_mention.start if quote.speaker_mention else quote.cue_span.start
        start = min(anchor, quote.cue_span.start)
        end = quote.cue_span.end + MEDIUM_REACH
        if quote.kind != "indirect" and quote.start >= quote.cue_span.end:
            end = min(end, quote.start)  # 'wrote on X: "..."': not inside the quote
        match = self.carriers.medium.search(self.text, start, min(end, len(self.text)))
        if match is None:
            return []
        for found in self.mentions_in(match.start(), match.end() + 40):
            if found.source.kind == "channel" and found.source.id not in used:
                used.add(found.source.id)
                return [source_link(found.source, "relay")]
        if speaker is not None and speaker.kind == "channel":
            return []  # the speaker is the channel: 'on Telegram' adds nothing
        return [ChainLink(name=medium_name(match.group(), speaker_link.name), role="relay", kind="channel")]

    def release_sentences(
        self, recording_sentence: Span | None, releaser: Source | None, before: int
    ) -> list[Span]:
        """The sentence describing the recording and the one naming its releaser last before
        the quote (the release is often told once, quotes from it paragraphs later)."""
        sentences = [recording_sentence] if recording_sentence is not None else []
        if releaser is not None:
            mentions = self.mentions[: bisect_right(self.mention_starts, before)]
            last = next((m for m in reversed(mentions) if m.source.id == releaser.id), None)
            sentence = self.index.sentence_at(last.start) if last is not None else None
            if sentence is not None and all(sentence.start != s.start for s in sentences):
                sentences.append(sentence)
        return sentences

    def recording_relays(self, recording_sentence: Span, used: set[str]) -> list[ChainLink]:
        """Relays named where the recording is described, or in the sentence after that opens
        with the recording ('The video was shared by the Kyiv Post and later by ...')."""
        links = self.relays(recording_sentence, used, None, holders_only=True)
        following = self.index.next_sentence(recording_sentence)
        # match on the Article text, not Span.text, which joins the span's tokens on each call
        if following is not None and RECORDING_SUBJECT.match(
            self.text, following.start_char, following.end_char
        ):
            links += self.relays(following, used, None, holders_only=True)
        return links

    def cited_by(self, sentence: Span, used: set[str]) -> list[tuple[Source, bool]]:
        """Sources a speaker cites in the sentence ('citing X', 'quoting X'), each with whether
        the one before it cites it in turn ('..., which cited Z')."""
        found = []
        for mention in unique_sources(self.named_in(sentence.start_char, sentence.end_char)):
            before = self.text[max(sentence.start_char, mention.start - CITING_WINDOW) : mention.start]
            citing = CITING.search(before)
            if mention.source.id not in used and citing:
                in_turn = CITING_IN_TURN.search(before) is not None
                found.append((mention.source, in_turn))
        return found

    def is_recorded(self, quote: Quote, speaker: Source | None, sentence: Span) -> bool:
        """Words heard on a recording: a speaker the article does not cite, narrated in the
        present tense or near a description of a call, video or intercept."""
        if speaker is not None:
            return False
        if (quote.cue or "").lower() == "according to":
            # 'according to its organisers' cites someone; 'according to the intercepted
            # soldier' or '... to the recording' names a voice on one
            mention = quote.speaker_mention.text if quote.speaker_mention else ""
            return RECORDING.search(mention) is not None or "intercept" in mention.lower()
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
        cited_sources = [s for s, _ in cited]
        agencies = [m.source for m in mentions if m.source.kind == "intelligence_service"]
        if cited:  # 'Outlet X, citing Y, reported': Y first, X relays
            citers = [s for s in speakers if s not in cited_sources]
            links = citation_links(cited) + [source_link(s, "relay") for s in citers]
            speakers = cited_sources + citers
        else:
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

    def relays(
        self, sentence: Span, used: set[str], skip: tuple[int, int] | None, holders_only: bool = False
    ) -> list[ChainLink]:
        """Outlets and agencies in the sentence, translators ('as translated by'), and any source
        a relay phrase introduces ('seen by', 'obtained by', 'shared by')."""
        found: list[tuple[int, ChainLink]] = []
        named = self.named_in(sentence.start_char, sentence.end_char)
        for mention in unique_sources(named):
            listed = not mention.source.id.startswith(UNLISTED)
            if mention.source.id in used or (skip and skip[0] <= mention.start < skip[1]):
                continue
            before = self.text[max(sentence.start_char, mention.start - 30) : mention.start]
            role = "translator" if TRANSLATION.search(before) else "relay"
            holder = self.carriers.relays_from(self.text, sentence.start_char, mention.start)
            by_kind = listed and mention.source.kind in RELAY_KINDS and not holders_only
            if holder or (role == "translator" and listed) or by_kind:
                found.append((mention.start, source_link(mention.source, role)))
                used.add(mention.source.id)
        found += self.unnamed_holders(sentence, named, used, skip)
        return [link for _, link in sorted(found, key=lambda pair: pair[0])]

    def relay_names(self, sentence: Span) -> list[re.Match]:
        """Relay phrases with a capitalised name in the sentence, found once per sentence."""
        if sentence.start_char not in self._relay_names:
            found = self.carriers.relay_name.finditer(self.text, sentence.start_char, sentence.end_char)
            self._relay_names[sentence.start_char] = list(found)
        return self._relay_names[sentence.start_char]

    def unnamed_holders(
        self, sentence: Span, named: list[Mention], used: set[str], skip: tuple[int, int] | None
    ) -> list[tuple[int, ChainLink]]:
        """A capitalised name right after a relay phrase that neither sources nor entities list
        ('a copy seen by the Lakeside Echo'): still a holder, of unknown kind."""
        found = []
        for match in self.relay_names(sentence):
            start, end = match.span("name")
            key = "name:" + name_key(match.group("name"))
            overlaps = any(m.start < end and start < m.end for m in named)
            if overlaps or key in used or (skip and skip[0] <= start < skip[1]):
                continue
            used.add(key)
            found.append((start, ChainLink(name=match.group("name"), role="relay", kind="unknown")))
        return found


def citation_links(cited: list[tuple[Source, bool]]) -> list[ChainLink]:
    """Links for cited sources in text order: 'citing Y and W' cites both; 'citing Y, which
    cited Z' nests, so Z said it first and Y relays it."""
    levels: list[list[Source]] = []
    for source, in_turn in cited:
        if in_turn or not levels:
            levels.append([source])
        else:
            levels[-1].append(source)
    first = [source_link(s, "speaker") for s in levels[-1]]
    return first + [source_link(s, "relay") for level in reversed(levels[:-1]) for s in level]


def medium_name(phrase: str, speaker: str) -> str:
    """'on his Telegram channel' -> "Anna Reva's Telegram channel", 'in a post' -> "Anna Reva's
    post"; 'on Telegram' -> 'Telegram'."""
    words = phrase.split()[1:]  # drop 'on' / 'in' / 'via'
    owned = bool(words) and words[0].lower() in ("his", "her", "their", "its", "a", "an")
    rest = (
        " ".join(w for w in words[1:] if w.lower() != "own")
        if owned or words[:1] == ["the"]
        else " ".join(words)
    )
    if owned and speaker != "unidentified speaker":
        return f"{speaker}'s {rest}"
    return rest


def unique_sources(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        if mention.source.id not in seen:
            seen.add(mention.source.id)
            out.append(mention)
    return out


ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation"}
UNLISTED = "unlisted:"  # id prefix of a named party that is not in the source list


def unlisted_mentions(doc: Doc, listed: list[Mention], by_name: dict[str, Source]) -> list[Mention]:
    """Mentions of people and organisations (doc._.entities) that no source mention overlaps;
    one whose name or alias is a source's stands for that source, the rest for themselves
    (a Source with an UNLISTED id, so their chain links carry no source id)."""
    starts = [m.start for m in listed]
    found = []
    for entity in get_list(doc, "entities"):
        kind = ENTITY_KINDS.get(entity.type)
        if kind is None:
            continue
        source = next(
            (by_name[k] for k in map(name_key, (entity.name, *entity.aliases)) if k in by_name), None
        )
        source = source or Source(id=UNLISTED + entity.id, name=entity.name, kind=kind)
        for mention in entity.mentions:
            i = bisect_right(starts, mention.end - 1)
            if i and listed[i - 1].end > mention.start:
                continue  # a source mention overlaps it
            found.append(Mention(mention.start, mention.end, source))
    return found


def speaker_link(name: str | None, source: Source | None) -> ChainLink:
    if source is not None:
        return source_link(source, "speaker")
    if not name:
        return ChainLink(name="unidentified speaker", role="speaker", kind="unknown")
    # 'the Defence Ministry of Ruritania' speaks as a body even when no source lists it
    words = {w.lower() for w in re.findall(r"[\w'’-]+", name)}
    return ChainLink(
        name=name, role="speaker", kind="organisation" if words & ORGANISATION_NOUNS else "person"
    )


def source_link(source: Source, role: str) -> ChainLink:
    source_id = None if source.id.startswith(UNLISTED) else source.id
    return ChainLink(name=source.name, role=role, kind=source.kind, source_id=source_id)


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
