"""The typed, serialisable data model shared by every stage: reading, nlp, claims, store, outputs.

Every span-like object carries ``start``/``end`` character offsets into ``Article.text``
(the text the analysis ran on: the file's decoded text for plain text, the extracted
story text for HTML). ``Article.text[start:end] == text`` always holds.

The field names of :class:`Analysis` are the keys of the JSON output; the ones the
evaluation scorer reads (document, title, date, key_points, captions, quotes, sources,
hedges, counts, entities, times) are kept at the top level on purpose.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Model(BaseModel):
    """Base for every model: no silently dropped fields, stable JSON."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# ----------------------------------------------------------------------------- reading

SegmentKind = Literal[
    "kicker",  # section label above the headline ("ANALYSIS", "Opinion")
    "title",  # headline
    "standfirst",  # sub-headline / summary paragraph under the headline
    "byline",  # "By Hannah Corrigan", "Interview by ..."
    "date",  # publication-date / timestamp / "Updated ..." line
    "dateline",  # "KYIV, March 3 (Reuters) -" prefix of the first body paragraph
    "caption",  # photo caption
    "credit",  # photo credit line ("NAME/AFP via Getty Images")
    "key_points_header",  # "KEY POINTS", "Key events"
    "key_point",  # one bullet under the key points header (marker stripped)
    "heading",  # sub-heading inside the story (live-blog entry titles, "WHAT WE FOUND:")
    "timestamp",  # live-blog clock stamp "16:05 BST"
    "body",  # story paragraph
    "boilerplate",  # navigation, sign-off, "(Reporting by ...)" and other non-story text
]


class Segment(Model):
    """A contiguous block of the article text with its layout role."""

    kind: SegmentKind
    start: int
    end: int
    text: str


class Article(Model):
    """One article as read from a file, a URL's HTML, or a corpus row."""

    document: str = Field(description="file name or corpus id; names the JSON output file")
    text: str = Field(description="the text all offsets point into")
    title: str | None = None
    date: Date | None = Field(None, description="publication date, only when the input gives it")
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    url: str | None = None
    language: str | None = None
    encoding: str | None = Field(None, description="the encoding the bytes were decoded from")
    input_format: Literal["text", "html", "jsonl", "csv"] = "text"
    segments: list[Segment] = Field(default_factory=list)

    def segments_of(self, *kinds: SegmentKind) -> list[Segment]:
        return [s for s in self.segments if s.kind in kinds]


# ------------------------------------------------------------------------- nlp layer


class Span(Model):
    """A piece of the article text."""

    text: str
    start: int
    end: int


QuoteKind = Literal["direct", "indirect", "turn"]


class SpeakerCandidate(Model):
    """One person or body who may have said a quote, with the calibrated chance that it did."""

    speaker: str
    confidence: float = Field(ge=0.0, le=1.0)
    rules: bool = Field(False, description="the answer the attribution rules gave (before the model decided)")


class Quote(Model):
    """Words attributed to someone: inside quotation marks, reported speech, or a labelled turn."""

    id: str
    text: str = Field(description="the quoted words (inside the marks for direct quotes)")
    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: str | None = Field(None, description="most specific mention of the speaker; null if unknown")
    speaker_mention: Span | None = Field(None, description="the mention at the attribution, e.g. 'he'")
    speaker_entity: str | None = Field(None, description="id of the entity the speaker resolves to")
    cue: str | None = Field(None, description="the cue verb or label: said, wrote, told, 'Q:' ...")
    cue_span: Span | None = None
    segment: SegmentKind = "body"
    nested_in: str | None = Field(None, description="id of the quote this one is quoted inside")
    paragraph: int | None = None
    speaker_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="calibrated chance that the speaker (or the best candidate) is right"
    )
    speaker_candidates: list[SpeakerCandidate] = Field(
        default_factory=list, description="who may have said it, best first; kept when the speaker is null"
    )


# ----------------------------------------------------------------------- provenance

SourceKind = Literal[
    "intelligence_service",
    "ministry",
    "military",
    "government",
    "official",
    "outlet",
    "news_agency",
    "channel",
    "blogger",
    "person",
    "expert",
    "organisation",
    "recording",
    "document",
    "anonymous",
    "unknown",
]


class Source(Model):
    """An information source the article cites, under one canonical name."""

    id: str
    name: str
    kind: SourceKind = "unknown"
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    owner: str | None = Field(None, description="who runs it, for a channel or blog: 'Anatoly Shtyrkov'")
    confidence: float | None = Field(
        None, ge=0.0, le=1.0, description="calibrated chance that it is a source the article cites"
    )


Certainty = Literal["certain", "probable", "possible", "unknown"]
Polarity = Literal["positive", "negative", "underspecified"]
CueCategory = Literal[
    "evidential", "epistemic", "reportative", "denial", "confirmation", "approximator", "failed_check"
]


class Hedge(Model):
    """A cue that weakens (or, for confirmations, strengthens) what a sentence asserts."""

    cue: str
    category: CueCategory
    sentence: str
    start: int = Field(description="offset of the cue")
    end: int
    sentence_start: int
    sentence_end: int


class Factuality(Model):
    """FactBank-style factuality: how certain the text makes a claim, and its polarity."""

    certainty: Certainty = "certain"
    polarity: Polarity = "positive"
    value: str = Field("CT+", description="FactBank code: CT+, PR+, PS+, Uu, CT-, PR-, PS-")
    cues: list[str] = Field(default_factory=list)
    # FactBank's two perspectives on reported content (added in schema 1, both optional):
    source_value: str | None = Field(
        None, description="FactBank code from the first source's perspective; null in the article's own voice"
    )
    author_value: str | None = Field(
        None, description="FactBank code from the article author's perspective: Uu for what it only reports"
    )


ChainRole = Literal["speaker", "recording", "document", "releaser", "relay", "translator", "article"]


class ChainLink(Model):
    """One step between the original speaker and the article."""

    name: str
    role: ChainRole
    kind: SourceKind = "unknown"
    source_id: str | None = None


class Claim(Model):
    """A reported proposition with the chain of sources it came through and its factuality."""

    id: str
    text: str
    start: int
    end: int
    quote_id: str | None = None
    chain: list[ChainLink] = Field(default_factory=list, description="original speaker first, article last")
    factuality: Factuality = Field(default_factory=Factuality)


# ----------------------------------------------------------------------- recordings

RecordingKind = Literal["call", "video", "audio", "transcript", "message"]


class Participant(Model):
    """Someone heard or seen on a recording, with what the article says of them."""

    role: str = Field(description="'soldier', 'mother', 'wife', 'friend' ... or 'speaker' when unsaid")
    name: str | None = None
    unit: str | None = None
    place: str | None = None
    description: str = Field("", description="the phrase introducing them, as written")
    start: int | None = None
    end: int | None = None


class RecordingQuote(Model):
    """Words of a recording the article quotes (direct) or paraphrases (indirect)."""

    quote_id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    verbatim: bool = True


class Recording(Model):
    """A released item (an intercepted call, a video, an audio clip, a transcript, a message) as
    one article tells it: who released it where and when, who is on it, what it says, and how
    the article hedges it."""

    id: str
    kind: RecordingKind = "call"
    description: str = Field(description="the phrase that introduces it: 'an intercepted phone call'")
    start: int
    end: int
    releaser: str | None = None
    releaser_kind: SourceKind | None = None
    releaser_named: bool = False
    platform: str | None = Field(None, description="'Telegram', 'YouTube' ... where it was released")
    release_date: str | None = Field(None, description="ISO date of the release; null when the text has none")
    release_date_text: str | None = None
    participants: list[Participant] = Field(default_factory=list)
    place: str | None = Field(None, description="where the call is claimed to come from")
    unit: str | None = None
    call_time: str | None = Field(None, description="claimed time of the call (ISO date or as written)")
    quotes: list[RecordingQuote] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list, description="cues the article puts on it")
    unverified: bool = Field(False, description="the article says it could not be verified")
    verified_by: str | None = Field(None, description="an independent party the article says verified it")
    keywords: list[str] = Field(
        default_factory=list,
        description="words of the sentences that tell it (lower-cased, once each): what retellings share",
    )


# ---------------------------------------------------------------------------- facts

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "OTHER"]


class Entity(Model):
    """A person, organisation, place or group under one canonical name, with every alias used."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    descriptors: list[str] = Field(default_factory=list, description="roles the text gives: 'President'")
    mentions: list[Span] = Field(default_factory=list)
    confidence: float | None = Field(
        None, ge=0.0, le=1.0, description="calibrated chance that the article names this entity as given"
    )


class Count(Model):
    """A counted event: '11 conscripts killed', 'at least 15 wounded'."""

    number: int
    qualifier: str | None = Field(None, description="'at least', 'about', 'more than' ...")
    what: str | None = None
    event: str | None = None
    text: str
    start: int
    end: int
    place: str | None = None
    time: str | None = None


class TimeExpression(Model):
    """A time expression normalised against an anchor; value is null when it cannot be fixed."""

    text: str
    start: int
    end: int
    value: str | None = Field(None, description="ISO date (YYYY-MM-DD) of a single day, else null")
    granularity: Literal["day", "week", "month", "year", "season", "other"] = "day"
    period_start: str | None = None
    period_end: str | None = None
    anchor: str | None = Field(None, description="what the value was computed from")


class Place(Model):
    """A place mention geocoded offline."""

    name: str = Field(description="canonical name of the place entity")
    text: str = Field("", description="the mention as written (Article.text[start:end])")
    start: int
    end: int
    resolved: bool = False
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    feature: str | None = None


class GlossaryHit(Model):
    """A piece of war jargon and what it means."""

    term: str
    meaning: str
    start: int
    end: int
    category: str | None = None


# ------------------------------------------------------------------------ the whole


class Analysis(Model):
    """Everything purportedly says about one article; serialises to the documented JSON."""

    schema_version: str = SCHEMA_VERSION
    document: str
    title: str | None = None
    date: Date | None = None
    outlet: str | None = None
    authors: list[str] = Field(default_factory=list)
    url: str | None = None
    key_points: list[str] = Field(default_factory=list)
    captions: list[str] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list, description="direct quotes and labelled turns")
    indirect_quotes: list[Quote] = Field(default_factory=list, description="reported speech")
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    hedges: list[Hedge] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    glossary: list[GlossaryHit] = Field(default_factory=list)
    recordings: list[Recording] = Field(default_factory=list, description="released items the claims rest on")
    article: Article

    def to_json(self, indent: int | None = 1) -> str:
        return self.model_dump_json(indent=indent)
