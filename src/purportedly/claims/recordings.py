"""Recordings: each released item an article retells (an intercepted call, a video, an audio clip),
with its releaser, platform, release date, participants, quotes and the hedges put on it.

Built from a finished Analysis, not a Doc, so stored analyses can be given recordings again
without re-running the pipeline: the claim chains say which quotes were heard on a recording and
who released it; the text says how many recordings there are ('two intercepted calls ... In the
first call ... In the second call'), who is on them and when they came out (the times the
pipeline already normalised).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from purportedly.claims.chains import RECORDING
from purportedly.claims.releasers import PLATFORM_NAMES, WHOLE_DESCRIPTION, Party, ReleaserFinder
from purportedly.model import Analysis, Participant, Quote, Recording, RecordingQuote, Source
from purportedly.nlp.quotes.lexicon import load_lines
from purportedly.nlp.times.rules import WEEKDAY_NAMES

DATA_DIR = str(Path(__file__).resolve().parents[1] / "data" / "recordings")
MESSAGE = re.compile(r"\b(?:voice|audio|text)\s+messages?\b", re.IGNORECASE)
# heads that are recordings only with a modifier or a determiner ('a call', not 'they call')
WEAK_HEADS = frozenset({"call", "calls", "conversation", "conversations", "clip", "clips"})
ORDINALS = {"first": 1, "one": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "latter": 2, "former": 1}
NEXT_ONE = frozenset({"another", "other"})
SIGN_REACH = 6  # words before the mention, in its sentence, that can carry a sign
# 'the first of the two calls', 'the second of these conversations': one member of the group told
PARTITIVE = re.compile(
    r"\b(?P<ordinal>" + "|".join(ORDINALS) + r")\s+of\s+(?:the|these|those|both)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# 'The transcript of one recording', 'a clip of the second call': the recording told is the group's
# member after 'of' (not 'an audio recording of a conversation': one thing, named twice)
PART_OF = re.compile(
    r"^\s+of\s+(?:the\s+)?(?:" + "|".join([*ORDINALS, *NEXT_ONE]) + r")\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE
)
DURATION = re.compile(r"\d[\s-]*$")  # '28-second clip': a length, not an ordinal
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
RELEASE_VERB = re.compile(
    r"\b(?:releas\w*|publish\w*|post(?:ed|s|ing)|shar(?:e|es|ed|ing)|air(?:ed|s|ing)|circulat\w*|"
    r"put\s+out|made\s+public|upload\w*)\b",
    re.IGNORECASE,
)
# 'was recorded on', 'took place on': a time of the call itself ('intercepted calls on June 3' is not)
CALL_TIME_CUE = re.compile(
    r"\b(?:(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:recorded|intercepted|made|held)|took\s+place|dated|recorded)"
    r"\s+(?:on|in|at|during|around|from)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# where a description of a participant stops: the verb of the sentence, a hedge, the next party
CLAUSE_END = re.compile(
    r"\b(?:that|who|which|tells?|says?|told|said|about|complains?|speaks?|talks?|and|with|near|in\s+which|"
    r"\w+ly)\b|[:;\"“(]",
    re.IGNORECASE,
)
NEAR_NAME = re.compile(r"\b(?:near|outside|around)\s+(?P<place>[A-ZА-ЯЁІЇЄҐ][\w'’-]+)")
UNIT_HEADS = r"(?:Brigade|Regiment|Division|Battalion|Army|Corps|Company|Platoon|Detachment|Squadron)"
# a numbered unit may be written in lower case ('the 27th regiment': a translation, a house style); an
# unnumbered one only capitalised ('the Kantemirovskaya Division', not 'the army')
UNIT = re.compile(
    rf"\b(?:\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){{0,4}}(?i:{UNIT_HEADS})|(?:[A-Z][\w-]+\s+){{1,3}}{UNIT_HEADS})\b"
)
NAME = r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+(?:\s+[A-ZА-ЯЁІЇЄҐ][\w'’-]+){0,2}"
# 'a soldier, Ivan X', 'a soldier named Ivan X', and 'the Russian soldier Andrei called his wife'
NAME_AFTER = re.compile(
    rf"^\s*(?:,\s*|\s+(?:named|called|identified\s+(?:\w+\s+){{0,4}}as)\s+|\s+)(?P<name>{NAME})"
)
NAME_BEFORE = re.compile(rf"(?P<name>{NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}$")
FROM_PLACE = re.compile(rf"^\s+from\s+(?P<place>{NAME})")
PLACE_CUE = re.compile(
    r"\b(?:near|in|outside|around|at|from|towards?)\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.IGNORECASE
)
VERIFIED_BY = re.compile(
    rf"\b(?:verified|authenticated|geolocated)\s+by\s+(?P<by>(?:the\s+)?{NAME})"
    rf"|(?P<who>{NAME})\s+(?:has\s+|had\s+|have\s+|said\s+it\s+had\s+)?(?:independently\s+)?"
    r"(?:verified|authenticated|geolocated|confirmed\s+the\s+authenticity\s+of)\b"
)
# after a quote: '," the mother said in a 28-second clip', '" he says in the recording'
SAID_ON = re.compile(
    r"[\"”’,.!?\s]*(?:\w+\s+){0,3}(?:said|says|say|adds?|added|tells?|told|asks?|asked|replies|replied|is\s+heard|"
    r"can\s+be\s+heard)\s+(?:\w+\s+){0,3}?(?:in|on|during)\s+(?:a|an|the|this|that)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:recording|call|conversation|clip|video|intercept|tape|footage|audio)",
    re.IGNORECASE,
)
EARLIER_TIME = re.compile(
    r"\b(?:(?:last|previous|past)\s+(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|\w+\s+(?:days|weeks|months)\s+(?:ago|earlier|before))\b",
    re.IGNORECASE,
)
KEYWORD = re.compile(r"[^\W_]+")
PARTY_KINDS = frozenset({"intelligence_service", "outlet", "news_agency", "channel"})
NEGATION = re.compile(r"\b(?:not|unable|no|never|cannot|couldn't|could\s+not)\b[^.]{0,40}$", re.IGNORECASE)


def _words() -> dict[str, frozenset[str]]:
    data = json.loads((Path(DATA_DIR) / "words.json").read_text(encoding="utf-8"))
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


WORDS = _words()
DETERMINERS = WORDS["determiners"]
INDEFINITE = WORDS["indefinite"]
# an indefinite mention is a new recording only on a sign that it is one; else it re-describes the
# one being told ('audio released by X ... A recording of the intercepted call was posted on ...')
NEW_SIGNS = WORDS["new_signs"]
GROUP_REFERENCES = WORDS["group_references"]
CAPITALISED_FUNCTION_WORDS = WORDS["not_name_words"]


def _table(name: str) -> list[tuple[str, str]]:
    return [tuple(line.split("\t")[:2]) for line in load_lines(name, DATA_DIR)]  # type: ignore[misc]


ROLES = {word.lower(): role for word, role in _table("participant_roles.txt")}
PLATFORMS = _table("platforms.txt")
KINDS = _table("kinds.txt")
ROLE_WORDS = re.compile(r"\b(" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
PLATFORM_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w, _ in PLATFORMS) + r")\b")
SOLDIER_ROLES = frozenset({"soldier", "officer", "commander"})
COUNTRY_FEATURES = frozenset({"country", "PCLI"})  # 'in Ukraine' says nothing of where a call was made
# words that may continue a description of a participant ('a soldier of the 47th Regiment, Ivan X')
DESCRIPTION_WORDS = frozenset(
    {"of", "the", "from", "named", "called", "identified", "as", "serving", "in", ","}
)


@dataclass
class Draft:
    """A recording while the article is read: where it is told and which quotes are its."""

    mention: tuple[int, int]
    phrase: str
    release_sentence: tuple[int, int]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    releases: list[tuple[int, int]] = field(default_factory=list)  # later sentences telling the release
    quotes: list[Quote] = field(default_factory=list)
    releasers: list[str] = field(default_factory=list)  # named by the chains of its quotes
    party: Party | None = None  # the party the text says released it


@dataclass
class Group:
    """Recordings told together ('two intercepted calls'), addressed by ordinal."""

    sentence: tuple[int, int]
    members: list[Draft] = field(default_factory=list)


class RecordingFinder:
    """The recordings of one analysed article: match() finds them, set_annotations() stores them."""

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.set_annotations(analysis, self.match(analysis))

    def match(self, analysis: Analysis) -> list[Recording]:
        return ArticleRecordings(analysis).build()

    def set_annotations(self, analysis: Analysis, recordings: list[Recording]) -> Analysis:
        analysis.recordings = recordings
        return analysis


def build_recordings(analysis: Analysis) -> list[Recording]:
    return RecordingFinder().match(analysis)


class ArticleRecordings:
    """One article read mention by mention: what is introduced, what refers back."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.article.text
        self.sentences = sentence_spans(self.text)
        self.sentence_starts = [s for s, _ in self.sentences]
        titles = analysis.article.segments_of("title")
        self.body_start = max((s.end for s in titles), default=0)
        self.drafts: list[Draft] = []
        self.positions: list[tuple[int, Draft | Group]] = []  # what each mention points at, in order
        self.claims_by_quote = {c.quote_id: c for c in analysis.claims if c.quote_id}
        self.group: Group | None = None
        self.current: Draft | None = None
        # names of places and groups are no participant's name ('Kyiv' credited with a quote)
        self.place_names = {
            n.lower()
            for e in analysis.entities
            # (a multi-word 'NORP' is more likely a mis-typed person, as above)
            if e.type in ("GPE", "LOC", "FAC") or (e.type == "NORP" and len(e.name.split()) == 1)
            for n in (e.name, *e.aliases, *(m.text for m in e.mentions))
        }
        # names of bodies (a releaser, an outlet) are no participant's name ('his mother, Ukraine's SBU said')
        self.body_names = {
            n.lower()
            for group in (
                [s.name, *s.aliases, *(m.text for m in s.mentions)]
                for s in analysis.sources
                if s.kind not in ("person", "official", "unknown")
            )
            for n in group
        }
        # nationality and country words ('Russian', "Ukraine's") name no one; a multi-word
        # 'NORP' is more likely a mis-typed person than a nationality
        self.country_words = {
            w.lower()
            for e in analysis.entities
            if e.type == "GPE" or (e.type == "NORP" and len(e.name.split()) == 1)
            for n in (e.name, *e.aliases)
            for w in re.findall(r"[\w]+", n)
        }

    # ------------------------------------------------------------------ mentions
    def build(self) -> list[Recording]:
        for start, end in self.mentions():
            self.read_mention(start, end)
        for quote in [*self.analysis.quotes, *self.analysis.indirect_quotes]:
            self.attach(quote)
        self.attach_releasers()
        kept = [d for d in self.drafts if d.quotes or ((d.releasers or d.party) and self.released_item(d))]
        return [self.recording(i, d) for i, d in enumerate(kept, 1)]

    def mentions(self) -> list[tuple[int, int]]:
        found = [m.span() for m in RECORDING.finditer(self.text)]
        found += [m.span() for m in MESSAGE.finditer(self.text)]
        spans = sorted(s for s in found if s[0] >= self.body_start and self.plausible(*s))
        spans = [s for i, s in enumerate(spans) if i == 0 or s[0] >= spans[i - 1][1]]
        # a part of a group's member ('The transcript of one recording') is that member
        return [s for i, s in enumerate(spans) if not (i + 1 < len(spans) and self.part_of(s, spans[i + 1]))]

    def part_of(self, span: tuple[int, int], after: tuple[int, int]) -> bool:
        return PART_OF.match(self.text[span[1] : after[0]]) is not None

    def plausible(self, start: int, end: int) -> bool:
        words = self.text[start:end].lower().split()
        if words[-1] not in WEAK_HEADS or len(words) > 1:
            return True
        return self.word_before(start) in DETERMINERS

    def word_before(self, start: int) -> str:
        """The word before a mention, past 'such' ('another such conversation', 'one such call')."""
        before = [w.lower() for w in re.findall(r"[\w']+", self.text[max(0, start - 30) : start])]
        if len(before) >= 2 and before[-1] == "such":
            return before[-2]
        return before[-1] if before else ""

    def leading_article(self, start: int) -> str:
        """The determiner of a mention past its lower-case modifiers ('a purported communications
        intercept': a); '' when a capitalised word or nothing comes first."""
        for word in reversed(re.findall(r"[\w'-]+", self.text[max(0, start - 50) : start])[-4:]):
            if word.lower() in DETERMINERS:
                return word.lower()
            if not word.islower():
                return ""
        return ""

    def read_mention(self, start: int, end: int) -> None:
        phrase = " ".join(self.text[start:end].split())
        words = [self.word_before(start), *phrase.lower().split()]
        sentence = self.sentence_at(start)
        plural = words[-1].endswith("s") and words[-1] not in ("audios",) and not words[-1].endswith("ss")
        ordinal = next((ORDINALS[w] for w in words if w in ORDINALS), None)
        if ordinal is not None and DURATION.search(self.text[max(0, start - 6) : start]):
            ordinal, words = None, [w for w in words if w not in ORDINALS]
        partitive = PARTITIVE.search(self.text, max(0, start - 40), start)
        if plural and partitive:
            # a member of the group told before, or of a new one ('The first of two calls ...')
            if self.group is None:
                self.group, self.current = Group(sentence), None
            ordinal = ORDINALS[partitive.group("ordinal").lower()]
            while len(self.group.members) < ordinal:
                self.group.members.append(self.new_draft(start, end, phrase, self.group.sentence))
            self.current = self.group.members[ordinal - 1]
            self.note(start, self.current, sentence)
        elif plural and words[0] in GROUP_REFERENCES and self.group is not None:
            self.note(start, self.group, sentence)
        elif plural:
            self.group, self.current = Group(sentence), None
            self.note(start, self.group, sentence)
        elif words[0] in GROUP_REFERENCES - {"the"} and self.group is not None:
            self.note(start, self.group, sentence)  # 'neither call', 'each call'
        elif self.group is not None and (ordinal is not None or NEXT_ONE & set(words)):
            index = ordinal if ordinal is not None else len(self.group.members) + 1
            while len(self.group.members) < index:
                self.group.members.append(self.new_draft(start, end, phrase, self.group.sentence))
            self.current = self.group.members[index - 1]
            self.note(start, self.current, sentence)
        elif (
            self.current is None
            or NEXT_ONE & set(words)
            or (INDEFINITE & {words[0], self.leading_article(start)} and self.signals_new(start))
        ):
            self.current = self.new_draft(start, end, phrase, sentence)
            self.group = Group(sentence, [self.current])
            self.note(start, self.current, sentence)
        else:
            self.current = self.released_then(sentence) or self.current
            self.note(start, self.current, sentence)

    def released_then(self, sentence: tuple[int, int]) -> Draft | None:
        """The recording a release sentence refers back to by its time ('On Tuesday, X posted the
        audio ...' after a clip shared 'last week'): the one whose release was told at that time."""
        if not RELEASE_VERB.search(self.text, *sentence):
            return None
        times = self.times_in(sentence)
        if not times or (self.current is not None and times & self.times_in(self.current.release_sentence)):
            return None
        return next((d for d in self.drafts if times & self.times_in(d.release_sentence)), None)

    def times_in(self, sentence: tuple[int, int]) -> set[str]:
        return {
            t.value or t.text.lower() for t in self.analysis.times if sentence[0] <= t.start < sentence[1]
        }

    def signals_new(self, start: int) -> bool:
        """Whether the words just before an indefinite mention say it is another recording."""
        sentence_start = self.sentence_at(start)[0]
        before = re.findall(r"[\w']+", self.text[sentence_start:start].lower())[-SIGN_REACH:]
        # 'Last week, the GUR shared a clip ...': a release at another time is another release
        earlier = EARLIER_TIME.search(self.text, sentence_start, start) is not None
        return bool(NEW_SIGNS & set(before)) or earlier

    def new_draft(self, start: int, end: int, phrase: str, release_sentence: tuple[int, int]) -> Draft:
        draft = Draft((start, end), phrase, release_sentence, [release_sentence])
        self.drafts.append(draft)
        return draft

    def note(self, at: int, target: Draft | Group, sentence: tuple[int, int]) -> None:
        self.positions.append((at, target))
        for draft in [target] if isinstance(target, Draft) else target.members:
            if sentence not in draft.sentences:
                draft.sentences.append(sentence)
                if RELEASE_VERB.search(self.text, *sentence):
                    draft.releases.append(sentence)

    # ------------------------------------------------------------------ quotes
    def attach(self, quote: Quote) -> None:
        claim = self.claims_by_quote.get(quote.id)
        on_recording = claim is not None and any(link.role == "recording" for link in claim.chain)
        if not on_recording and not self.said_on_recording(quote) and not self.said_by_a_participant(quote):
            return
        if quote.kind == "indirect" and RECORDING.search(quote.text):
            return  # reported speech about recordings ('analysts say such calls are hard to verify')
        draft = self.owner_at(quote.start)
        if draft is None:
            return
        draft.quotes.append(quote)
        if on_recording and claim is not None:
            draft.releasers += [
                link.name
                for link in claim.chain
                if link.role == "releaser" and link.name.lower() not in PLATFORM_NAMES
            ]
        sentence = self.sentence_at(quote.start)
        if sentence not in draft.sentences:
            draft.sentences.append(sentence)

    def said_by_a_participant(self, quote: Quote) -> bool:
        """Words credited to someone by the role they have on a call ('a Russian invader said',
        'his wife replied'), quoted word for word after a recording is told: heard on it, though
        the sentence names no recording ('According to the agency's report, a soldier said, "..."')."""
        if quote.kind == "indirect" or not quote.speaker or not self.drafts:
            return False
        if quote.start < self.drafts[0].mention[0]:
            return False
        return ROLE_WORDS.search(quote.speaker) is not None

    def said_on_recording(self, quote: Quote) -> bool:
        """The sentence says the quoted words were said on a recording ('"...," the mother said in a
        28-second clip of the conversation'), whoever the quote was attributed to."""
        if quote.kind == "indirect":
            return False
        end = self.sentence_at(min(quote.end + 2, len(self.text) - 1))[1]  # past a closing '!"'
        return SAID_ON.match(self.text, quote.end, end) is not None

    def owner_at(self, offset: int) -> Draft | None:
        """The recording a quote at ``offset`` was heard on: the one told in its sentence, else the
        last one told before it (a headline's quote: the first)."""
        if offset < self.body_start:
            return self.drafts[0] if self.drafts else None
        sentence = self.sentence_at(offset)
        inside = [t for at, t in self.positions if sentence[0] <= at < sentence[1]]
        starts = [at for at, _ in self.positions]
        i = bisect_right(starts, offset) - 1
        if i < 0 and self.positions:  # quoted before the recording is named: the first one told
            i = 0
        target = inside[-1] if inside else (self.positions[i][1] if i >= 0 else None)
        if isinstance(target, Group):
            if not target.members:
                at = starts[i] if i >= 0 else offset
                target.members.append(self.new_draft(at, at, "recording", target.sentence))
            return target.members[-1] if len(target.members) == 1 else None
        return target

    def attach_releasers(self) -> None:
        """Who released each recording: a party in a release relation where it is told (the
        likeliest origin: not an outlet retelling it); else one the article puts in a release
        relation to any recording ('X repeatedly publishes intercepted calls. In a new recording
        ...'); else the releaser its quotes' chains name, or one any recording chain names."""
        if not self.drafts:
            return  # no recording to credit: the parties need not be read (most articles)
        finder = ReleaserFinder(self.analysis, self.country_words)
        told = sorted({self.sentence_at(m.start()) for m in RECORDING.finditer(self.text, self.body_start)})
        in_article = sorted(
            (p for s in told for p in finder.releasers_in(*s)), key=lambda p: (p.rank, p.start)
        )
        chain_releasers = [
            link.name
            for c in self.analysis.claims
            for link in c.chain
            if link.role == "releaser" and link.name.lower() not in PLATFORM_NAMES
        ]
        # where each recording's release is told: a party there released that one
        released_there = {
            d.release_sentence: [p for p in finder.releasers_in(*d.release_sentence) if not p.is_outlet]
            for d in self.drafts
        }
        for draft in self.drafts:
            sentences = [draft.release_sentence, *sorted(set(draft.sentences) - {draft.release_sentence})]
            own = sorted(
                ((p.rank, i, p.start, p) for i, s in enumerate(sentences) for p in finder.releasers_in(*s)),
                key=lambda t: t[:3],
            )
            # its own origin, else the article's (an outlet it names retold someone's release)
            # (the article's only for a recording quoted from: background about earlier releases
            # is no release of its own; nor another recording's own releaser: 'the SBU previously
            # published an intercept' releases that one, not the call the article is about)
            others = {
                (p.start, p.end)
                for sentence, parties in released_there.items()
                if sentence != draft.release_sentence
                for p in parties
            }
            article = [p for p in in_article if (p.start, p.end) not in others] if draft.quotes else []
            ranked = [t[3] for t in own if not t[3].is_outlet] + [p for p in article if not p.is_outlet]
            ranked += [t[3] for t in own] + article
            # its quotes' chains may credit the article's other release (the chain takes the one
            # releaser the article names): a party told releasing another recording is not this one's
            named_others = {
                p.name
                for sentence, parties in released_there.items()
                if sentence != draft.release_sentence
                for p in parties
            }
            own_names = {t[3].name for t in own}
            draft.releasers = [r for r in draft.releasers if r not in named_others or r in own_names]
            if ranked:
                draft.party = ranked[0]
            elif not draft.releasers and draft.quotes and self.release_told(draft):
                # only for a recording quoted from: 'Ukraine has released audio of calls' as
                # background is no release of its own
                lent = [r for r in chain_releasers if r not in named_others]
                draft.releasers += [Counter(lent).most_common(1)[0][0]] if lent else []

    def released_item(self, draft: Draft) -> bool:
        """A recording no quote comes from is kept only when its release is told and the phrase
        names a recording on its own ('a video', 'an intercepted call'; not 'a call for calm')."""
        words = draft.phrase.lower().split()
        return self.release_told(draft) and (words[-1] not in WEAK_HEADS or len(words) > 1)

    def release_told(self, draft: Draft) -> bool:
        start, end = draft.release_sentence
        return RELEASE_VERB.search(self.text, start, end) is not None or bool(draft.releases)

    # ------------------------------------------------------------------ the result
    def recording(self, number: int, draft: Draft) -> Recording:
        releaser = Counter(draft.releasers).most_common(1)[0][0] if draft.releasers else None
        source = next((s for s in self.analysis.sources if s.name == releaser), None)
        party = draft.party
        if party is not None:
            releaser = party.name
        participants = self.participants(draft)
        release_date, release_text = self.release_date(draft)
        return Recording(
            id=f"rec{number}",
            kind=kind_of(draft.phrase, self.text[slice(*draft.release_sentence)]),
            description=draft.phrase,
            start=draft.mention[0],
            end=draft.mention[1],
            releaser=releaser,
            releaser_kind=party.kind if party else source.kind if source else None,
            releaser_named=party.named if party else self.is_named(source),
            platform=self.platform(draft),
            release_date=release_date,
            release_date_text=release_text,
            participants=participants,
            place=self.place(draft),
            unit=next((p.unit for p in participants if p.unit), None),
            call_time=self.call_time(draft),
            quotes=[
                RecordingQuote(
                    quote_id=q.id,
                    text=q.text,
                    start=q.start,
                    end=q.end,
                    speaker=q.speaker,
                    verbatim=q.kind != "indirect",
                )
                for q in sorted(draft.quotes, key=lambda q: q.start)
            ],
            hedges=self.hedges(draft),
            unverified=self.unverified(draft),
            verified_by=self.verified_by(draft),
            keywords=self.keywords(draft, releaser),
        )

    def keywords(self, draft: Draft, releaser: str | None = None) -> list[str]:
        """The words of the sentences telling it and quoting it: retellings of one recording share
        its places, dates, numbers and content ('Taurus', 'Crimean', 'puddles') even when no quote
        is worded alike; the registry weighs them by how rare they are."""
        sentences = sorted(set(draft.sentences) | {q_sentence(self, q) for q in draft.quotes})
        # the words naming who released or carried it ('SBU', 'GUR', 'Telegram') say whose release,
        # not which one: every release of that agency shares them (the registry weighs the releaser
        # on its own)
        parties = self.party_spans(releaser)
        found = (
            m.group().lower()
            for s, e in sentences
            for m in KEYWORD.finditer(self.text, s, e)
            if not any(ps <= m.start() < pe for ps, pe in parties)
        )
        return list(dict.fromkeys(w for w in found if len(w) >= 3 and w not in PLATFORM_NAMES))

    def party_spans(self, releaser: str | None) -> list[tuple[int, int]]:
        """Mentions of the recording's releaser, of agencies (they release) and of outlets (they
        carry); not of other parties (a chancellor answering the recording is its content)."""
        return [
            (m.start, m.end)
            for s in self.analysis.sources
            if s.name == releaser or s.kind in PARTY_KINDS
            for m in s.mentions
        ]

    def source_in(self, sentence: tuple[int, int], kinds: frozenset[str]) -> Source | None:
        for source in self.analysis.sources:
            if source.kind in kinds and any(sentence[0] <= m.start < sentence[1] for m in source.mentions):
                return source
        return None

    def is_named(self, source: Source | None) -> bool:
        """Whether the article names the releaser ('the SBU'), not only its kind ('Ukrainian
        intelligence'): a capitalised word in a mention besides nationality and country words."""
        if source is None:
            return False
        for mention in source.mentions:
            if WHOLE_DESCRIPTION.match(" ".join(mention.text.split())):
                continue  # 'Ukrainian Intelligence' in title case describes all the same
            words = re.findall(r"[\w]+", mention.text)
            if any(w[0].isupper() and w.lower() not in self.country_words for w in words):
                return True
        return False

    def platform(self, draft: Draft) -> str | None:
        canonical = dict(PLATFORMS)
        for start, end in [draft.release_sentence, *draft.releases, *draft.sentences]:
            found = PLATFORM_WORDS.search(self.text, start, end)
            if found:
                return canonical[found.group(1)]
        return None

    def release_date(self, draft: Draft) -> tuple[str | None, str | None]:
        """The day a sentence telling the release gives, unless it dates the call itself; null when
        none does."""
        sentences = [draft.release_sentence] if self.release_told(draft) else []
        sentences += [s for s in draft.releases if s not in sentences]
        for start, end in sentences:
            found = self.release_day_in(start, end)
            if found is not None:
                return found
        for start, end in sentences:
            # 'posted Tuesday' in an article without a date: no day, but a weekday two releases on
            # other weekdays cannot share (kept as the date's text; the registry reads it)
            for time in self.analysis.times:
                weekday = start <= time.start < end and not time.value and time.text.lower() in WEEKDAY_NAMES
                if weekday and not CALL_TIME_CUE.search(self.text[max(start, time.start - 40) : time.start]):
                    return None, time.text
        return None, None

    def release_day_in(self, start: int, end: int) -> tuple[str, str] | None:
        published = self.analysis.date.isoformat() if self.analysis.date else None
        for time in self.analysis.times:
            if not (start <= time.start < end) or not time.value or time.granularity != "day":
                continue
            if CALL_TIME_CUE.search(self.text[max(start, time.start - 40) : time.start]):
                continue
            if published and time.value > published:
                continue  # a release cannot come after the report of it
            if self.weekday_nearer(start, end, time):
                continue  # 'released a video on Wednesday ... his capture on October 7': another event's day
            return time.value, time.text
        return None

    def weekday_nearer(self, start: int, end: int, day) -> bool:
        """Whether a weekday the article cannot date stands nearer the release verb than ``day``."""
        verbs = [m.start() for m in RELEASE_VERB.finditer(self.text, start, end)]
        if not verbs:
            return False

        def distance(time) -> int:
            return min(abs(time.start - v) for v in verbs)

        return any(
            start <= t.start < end and not t.value and t.text.lower() in WEEKDAY_NAMES
            and distance(t) < distance(day)
            for t in self.analysis.times
        )

    def call_time(self, draft: Draft) -> str | None:
        for time in self.analysis.times:
            if any(s <= time.start < e for s, e in draft.sentences) and CALL_TIME_CUE.search(
                self.text[max(0, time.start - 40) : time.start]
            ):
                return time.value or time.text
        return None

    def place(self, draft: Draft) -> str | None:
        """Where the call is said to come from: a place after 'near', 'in', 'from' where the
        recording is told (else any capitalised word after 'near': a place the gazetteer lacks)."""
        sentences = sorted(set(draft.sentences + [q_sentence(self, q) for q in draft.quotes]))
        for place in sorted(self.analysis.places, key=lambda p: p.start):
            inside = any(s <= place.start < e for s, e in sentences)
            cue = PLACE_CUE.search(self.text[max(0, place.start - 30) : place.start])
            if inside and place.feature not in COUNTRY_FEATURES and cue:
                return place.name
        for start, end in sentences:
            near = NEAR_NAME.search(self.text, start, end)
            if near:
                return near.group("place")
        return None

    def participants(self, draft: Draft) -> list[Participant]:
        found: list[Participant] = []
        sentences = sorted(set(draft.sentences + [q_sentence(self, q) for q in draft.quotes]))
        for start, end in sentences:
            for match in ROLE_WORDS.finditer(self.text, start, end):
                if self.quoted_mention(match.start()):
                    continue
                participant = self.participant(match, end)
                merge_participant(found, participant)
        for quote in draft.quotes:  # a named speaker fills in a participant, or stands alone
            name = quote.speaker
            name = self.clean_name(name) if name and looks_like_name(name) else None
            if name and not ROLE_WORDS.search(name) and quote.kind != "indirect":
                surname = name.split()[-1]
                if not found or any(p.name and p.name.split()[-1] == surname for p in found):
                    merge_participant(found, Participant(role="speaker", name=name))
        return found

    def quoted_mention(self, at: int) -> bool:
        """A role word inside quoted words is not a description of a participant ('"the commander
        took our phones"'); in reported speech, one that introduces someone still is ('a soldier
        phoned his mother, according to ...'), one that refers back ('the commander') is not."""
        if any(q.start <= at < q.end for q in self.analysis.quotes):
            return True
        if not any(q.start <= at < q.end for q in self.analysis.indirect_quotes):
            return False
        before = re.findall(r"[\w']+", self.text[max(0, at - 40) : at].lower())[-3:]
        return not {"a", "an", "his", "her", "their", "my", "our"} & set(before)

    def participant(self, match: re.Match, sentence_end: int) -> Participant:
        role = ROLES[match.group(1).lower()]
        after = self.text[match.end() : min(sentence_end, match.end() + 90)]
        clause = CLAUSE_END.split(after)[0]
        unit = UNIT.search(clause) if role in SOLDIER_ROLES else None
        if unit is None and role in SOLDIER_ROLES:  # 'a soldier, who serves in the 47th Regiment'
            unit = UNIT.search(self.text, match.end(), sentence_end)
        rest = clause[unit.end() :] if unit and unit.end() <= len(clause) else clause
        name = NAME_AFTER.match(rest) or NAME_AFTER.match(clause)
        before = NAME_BEFORE.search(self.text[max(0, match.start() - 60) : match.start()])
        name_text = self.clean_name(name.group("name") if name else None) or self.clean_name(
            before.group("name") if before else None
        )
        place = FROM_PLACE.match(clause)
        phrase_end = match.end() + description_length(clause)
        return Participant(
            role=role,
            name=name_text,
            unit=" ".join(unit.group().split()) if unit else None,
            place=place.group("place") if place else None,
            description=" ".join(self.text[match.start() : phrase_end].split()),
            start=match.start(),
            end=phrase_end,
        )

    def clean_name(self, name: str | None) -> str | None:
        if not name:
            return None
        words = [w for w in name.split() if w.lower().strip("'’") not in CAPITALISED_FUNCTION_WORDS]
        if {name.lower(), " ".join(words).lower()} & (self.body_names | self.place_names):
            return None
        if not words or any(w.lower() in self.country_words for w in words):
            return None
        places = {p.text.lower() for p in self.analysis.places}
        if (
            " ".join(words).lower() in places
            or UNIT.search(" ".join(words) + " Brigade")
            and words[0][0].isdigit()
        ):
            return None
        return " ".join(words)

    def hedges(self, draft: Draft) -> list[str]:
        sentences = set(draft.sentences) | {q_sentence(self, q) for q in draft.quotes}
        cues = [
            h.cue.lower()
            for h in self.analysis.hedges
            if any(s <= h.start < e for s, e in sentences)
            and h.category not in ("confirmation", "approximator")
            and h.cue.lower() != "according to"  # an attribution, not a doubt
        ]
        return list(dict.fromkeys(cues))

    def unverified(self, draft: Draft) -> bool:
        """The article says it could not verify it: where it tells the recording, or anywhere when
        it tells only one ('The authenticity of the statements has not been verified')."""
        only_one = len(self.drafts) == 1
        return any(
            h.category == "failed_check" and (only_one or any(s <= h.start < e for s, e in draft.sentences))
            for h in self.analysis.hedges
        )

    def verified_by(self, draft: Draft) -> str | None:
        for start, end in draft.sentences:
            for match in VERIFIED_BY.finditer(self.text, start, end):
                if NEGATION.search(self.text[start : match.start() + len(match.group().split()[0]) + 30]):
                    continue
                who = match.group("by") or match.group("who")
                if who and who.split()[0].lower() not in ("it", "the", "this", "we"):
                    return who.removeprefix("the ")
        return None

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[max(0, i)] if self.sentences else (0, len(self.text))


def q_sentence(article: ArticleRecordings, quote: Quote) -> tuple[int, int]:
    return article.sentence_at(quote.start)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end): cut at . ! ? before whitespace and at line breaks."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def kind_of(phrase: str, sentence: str) -> str:
    """call, video, audio, transcript or message, from the describing phrase (then its sentence)."""
    for text in (phrase.lower(), sentence.lower()):
        for word, kind in KINDS:
            if re.search(rf"\b{word}", text):
                return kind
    return "call"


def description_length(clause: str) -> int:
    """How much of the text after a role word still describes the participant: names, units and
    the words joining them, up to the first other lower-case word."""
    end = 0
    for token in re.finditer(r"[\w'’-]+|,", clause):
        word = token.group()
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in DESCRIPTION_WORDS):
            break
        end = token.end()
    kept = clause[:end]
    while True:  # no dangling 'of the', commas
        trimmed = re.sub(r"(?:\s*,|\s+(?:of|the|from|named|called|identified|as|serving|in))\s*$", "", kept)
        if trimmed == kept:
            return len(kept)
        kept = trimmed


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def merge_participant(found: list[Participant], new: Participant) -> None:
    """Add a participant, or fill in one already found with the same role or name."""
    for known in found:
        same_name = new.name and known.name and (new.name in known.name or known.name in new.name)
        unnamed_role = known.role == new.role and (not known.name or not new.name) and new.role != "speaker"
        if (
            same_name
            or unnamed_role
            or (
                new.role == "speaker"
                and new.name
                and known.name
                and new.name.split()[-1] == known.name.split()[-1]
            )
        ):
            if new.role != "speaker" and known.role == "speaker":
                known.role = new.role
            known.name = known.name or new.name
            known.unit = known.unit or new.unit
            known.place = known.place or new.place
            if not known.description:
                known.description, known.start, known.end = new.description, new.start, new.end
            return
    found.append(new)
