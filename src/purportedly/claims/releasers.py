"""Who released a recording: a party the text puts in a release, publish or obtain relation to it.

A releaser is not whoever is named near a recording. Officials quoted about it ("Scholz said the
leak was very serious"), outlets that report on it, and people heard on it are not its releaser;
the party that released, published, posted, intercepted or obtained it is ("the SBU released",
"intercepted by the Ukrainian military", "audio from Ukraine's Security Service", "Simonyan, the
head of RT, was the first to publish the audio"). When outlets and another party are both in such
a relation ("intercepted by the Ukrainian military and published by The Guardian"), the other
party is the releaser: an outlet retelling a release is not its origin. A party described without
a name ("Ukrainian intelligence", "the Ukrainian secret service") is kept as a description, not
named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from purportedly.model import Analysis

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "recordings" / "releasers.json"
DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
VERB = r"(?:" + "|".join(DATA["release_verbs"]) + r")"
AUXILIARIES = frozenset(DATA["auxiliaries"])
NATIONALITIES = frozenset(w.lower() for w in DATA["nationalities"])
# 'the SBU released', 'intercepted by X', 'newly released audio from X', 'made available to Reuters by X'
# (past 'the press service of': an office speaks for the party it belongs to)
OFFICE = r"(?:(?:the\s+)?(?:" + "|".join(DATA["office_words"]) + r")\s+of\s+)?"
PASSIVE = re.compile(
    rf"\b{VERB}\b(?:\s+[\w'’-]+){{0,5}}?\s+(?:by|from)\s+(?:the\s+)?{OFFICE}(?:the\s+)?"
    # '... of Ukraine's Chief Directorate of ...': a country's and a title word the party's name lacks
    r"(?-i:(?:[A-Z]\w*['’]s\s+)?(?:[A-Z]\w+\s+){0,2})$",
    re.IGNORECASE,
)
ACTIVE_VERB = re.compile(rf"^{VERB}\b", re.IGNORECASE)
APPOSITION = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?,[^,.;]{1,120},\s*")
# the party closes an apposition: 'the editor of RT, Margarita Simonyan, published the audio'
OPENED_BEFORE = re.compile(r",\s*$")
CLOSING_COMMA = re.compile(r"^\s*,\s*")
BRACKET = re.compile(r"^\s*\([^)]{1,40}\)\s*")
DESCRIPTION = re.compile(
    r"\b(?:the\s+)?(?:"
    + "|".join(re.escape(n) for n in sorted(DATA["nationalities"], key=len, reverse=True))
    + r")\s+(?:"
    + "|".join(sorted(DATA["body_heads"], key=len, reverse=True))
    + r")\b"
    # a broadcaster by its nationality, its own name (a call sign, '1+1') maybe between
    + r"|\b(?:the\s+)?(?:"
    + "|".join(re.escape(n) for n in sorted(DATA["nationalities"], key=len, reverse=True))
    + r")\s+(?-i:[\w+&.-]*[A-Z0-9][\w+&.-]*\s+)?(?:"
    + "|".join(sorted(DATA["broadcast_heads"], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# 'Authorities have released', 'Nashville police released': a body by its kind, after a place at most
BARE_BODY = re.compile(
    r"\b(?:(?-i:[A-Z][a-z]+)\s+)?(?:" + "|".join(DATA["bare_bodies"]) + r")\b", re.IGNORECASE
)
# 'the Oromar rebels released': a group by its own name and what it is (not a country's)
GROUP = re.compile(
    r"\b(?-i:([A-Z][a-z][\w’'-]*))\s+(?:" + "|".join(DATA["group_heads"]) + r")\b", re.IGNORECASE
)
# 'uploaded by an anonymous user called "Grey Heron"': an uploader known only by its handle
UPLOADER = re.compile(
    r"\b(?:an?|the)\s+(?:anonymous\s+)?(?-i:[A-Z]\w+\s+)?(?:"
    + "|".join(DATA["uploader_heads"])
    + r")\s+(?:"
    + "|".join(re.escape(w) for w in sorted(DATA["handle_links"], key=len, reverse=True))
    + r")\s+[\"“'‘]?(?P<name>(?-i:[A-Z][\w-]*(?:\.[\w-]+)*(?: [A-Z][\w-]*(?:\.[\w-]+)*){0,3}))",
    re.IGNORECASE,
)
COORDINATED = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in DATA["coordinators"]) + r")\s+(?:the\s+)?$", re.IGNORECASE
)
INTELLIGENCE_WORDS = ("intelligence", "secret", "security", "special")
PASSIVE_BE = frozenset({"was", "were", "is", "are", "been", "be"})
REACH = 6  # words between a party and its verb ('X on Tuesday published', 'X claims to have intercepted')
OUTLET_KINDS = frozenset({"outlet", "news_agency"})  # an outlet is a releaser only when no other party is
OUTLET_WORDS = frozenset(DATA["outlet_words"])
# where a recording was put out, not who put it out ('published on Telegram allegedly intercepted calls')
PLATFORM_NAMES = frozenset(
    line.split("\t")[0].lower()
    for line in (DATA_FILE.parent / "platforms.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")  # 'Chief ' before 'Directorate of Intelligence'
WHOLE_DESCRIPTION = re.compile(rf"^(?:{DESCRIPTION.pattern})$", re.IGNORECASE)


@dataclass(frozen=True)
class Party:
    """Someone the text names or describes, where it says so."""

    name: str
    kind: str | None
    named: bool
    start: int
    end: int

    @property
    def is_outlet(self) -> bool:
        return is_outlet(self.name, self.kind)

    @property
    def rank(self) -> int:
        """Lower is a likelier origin: a named party, then a described one, then an outlet."""
        return 2 if self.is_outlet else 0 if self.named else 1


class ReleaserFinder:
    """The parties of one article in a release relation to a recording, sentence by sentence."""

    def __init__(self, analysis: Analysis, country_words: set[str]) -> None:
        self.text = analysis.article.text
        self.country_words = country_words | NATIONALITIES
        self.parties = self._parties(analysis)

    def _parties(self, analysis: Analysis) -> list[Party]:
        found: list[tuple[int, Party]] = []  # (preference, party): sources, then entities, then descriptions
        for source in analysis.sources:
            for m in source.mentions:
                # 'Ukrainian military intelligence' named where it resolves to a named body
                named = self.named(source.name) or self.named(m.text)
                found.append((0, Party(source.name, source.kind, named, m.start, m.end)))
        for entity in analysis.entities:
            if entity.type in ("PERSON", "ORG"):
                kind = "person" if entity.type == "PERSON" else "organisation"
                for m in entity.mentions:
                    found.append((1, Party(entity.name, kind, self.named(m.text), m.start, m.end)))
        for match in DESCRIPTION.finditer(self.text):
            text = re.sub(r"^the\s+", "", " ".join(match.group().split()), flags=re.IGNORECASE)
            party = Party(text, description_kind(text), self.named(text), match.start(), match.end())
            found.append((2, party))
        for match in UPLOADER.finditer(self.text):
            # the party's span starts at its description: 'uploaded by' stands right before it
            found.append((0, Party(match.group("name"), "anonymous", True, match.start(), match.end())))
        for match in GROUP.finditer(self.text):
            word = match.group(1).lower()
            if word in STOP_WORDS or re.sub(r"['’]s$", "", word) in self.country_words:
                continue  # 'Ukrainian fighters', 'The rebels': a description or the kind alone
            text = " ".join(match.group().split())
            # beside the entities: the longer wins ('Oromar rebels' over an entity cut to 'Oromar')
            found.append((1, Party(text, "military", True, match.start(), match.end())))
        for match in BARE_BODY.finditer(self.text):
            text = " ".join(match.group().split())
            if text.split()[0].lower() in STOP_WORDS:  # 'The police': the kind alone
                text = " ".join(text.split()[1:])
            if text.split()[0].lower() in self.country_words:
                continue  # 'Ukrainian police': a description, found above
            kind = description_kind(f"the {text}")
            found.append((3, Party(text, kind, False, match.end() - len(text), match.end())))
        found = [(rank, self.widened(p)) for rank, p in found]
        # one party per stretch of text: a source (its canonical name) before an entity, then the longest
        found.sort(key=lambda t: (t[0], -(t[1].end - t[1].start), t[1].start))
        kept: list[Party] = []
        found = [(rank, p) for rank, p in found if p.name.lower().removeprefix("the ") not in PLATFORM_NAMES]
        for _, party in found:
            if not any(party.start < k.end and k.start < party.end for k in kept):
                kept.append(party)
        return self.coordinated(sorted(kept, key=lambda p: p.start))

    def coordinated(self, parties: list[Party]) -> list[Party]:
        """A party joined to an outlet in one relation ('obtained by WTVF and The Associated Press')
        is an outlet too: outlets obtain what they report; the agency that released it is told apart."""
        out = list(parties)
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if a.is_outlet == b.is_outlet or not COORDINATED.match(self.text[a.end : b.start]):
                continue
            if a.is_outlet:
                out[i + 1] = Party(b.name, "outlet", b.named, b.start, b.end)
            else:
                out[i] = Party(a.name, "outlet", a.named, a.start, a.end)
        return out

    def widened(self, party: Party) -> Party:
        """A name the entity recogniser cut short ('Directorate of Intelligence' of "Ukraine's Chief
        Directorate of Intelligence") takes back the capitalised title words right before it."""
        if party.kind == "person":
            return party
        start = party.start
        while True:
            before = TITLE_BEFORE.search(self.text, max(0, start - 30), start)
            if before is None or before.group(1).lower() in STOP_WORDS | self.country_words:
                break
            start = before.start(1)
        if start == party.start:
            return party
        name = " ".join(self.text[start : party.end].split())
        return Party(name, party.kind, party.named or self.named(name), start, party.end)

    def named(self, text: str) -> bool:
        """A capitalised word besides nationality and country words ('the SBU' yes, 'Ukrainian
        intelligence' no; nor 'Ukrainian Intelligence' in title case: a description all the same)."""
        if WHOLE_DESCRIPTION.match(" ".join(text.split())):
            return False
        words = re.findall(r"[\w’']+", text)
        return any(
            w[0].isupper()
            and w.lower() not in self.country_words
            and re.sub(r"['’]s$", "", w.lower()) not in self.country_words
            and w.lower() != "the"
            for w in words
        )

    def releasers_in(self, start: int, end: int) -> list[Party]:
        """Parties between ``start`` and ``end`` in a release relation, likeliest origin first."""
        found = [p for p in self.parties if start <= p.start < end and self.releases(p, start, end)]
        return sorted(found, key=lambda p: (p.rank, p.start))

    def releases(self, party: Party, start: int, end: int) -> bool:
        if PASSIVE.search(self.text[max(start, party.start - 80) : party.start]):
            return True
        after = self.text[party.end : end]
        if OPENED_BEFORE.search(self.text[max(start, party.start - 3) : party.start]):
            after = CLOSING_COMMA.sub("", after, count=1)
        for skip in (APPOSITION, BRACKET):  # 'Simonyan, the head of RT, was the first to publish'
            match = skip.match(after)
            if match:
                after = after[match.end() :]
                break
        words = list(re.finditer(r"[\w'’]+|[^\w\s]", after))
        for k, token in enumerate(words[: REACH + 1]):
            if ACTIVE_VERB.match(after[token.start() :]):
                # 'a call between X and Y has been leaked': the party ends the phrase of the thing
                # released, the verb is passive and its agent (if any) is told after 'by'
                return not (k and _passive(words[k - 1].group(), token.group()))
            if token.group().lower() not in AUXILIARIES:
                return False
        return False


def _passive(before: str, verb: str) -> bool:
    """A form of 'be' right before a participle ('was leaked', 'has been posted'); not a progressive
    ('is releasing') nor 'was the first to publish' (a word stands between)."""
    return before.lower() in PASSIVE_BE and not verb.lower().endswith("ing")


def is_outlet(name: str, kind: str | None) -> bool:
    """A news outlet by its kind or its name's head word ('the Harbour Gazette')."""
    last = re.findall(r"[\w]+", name.lower())[-1:]
    return kind in OUTLET_KINDS or bool(last and last[0] in OUTLET_WORDS)


def description_kind(text: str) -> str:
    lowered = text.lower()
    if any(w in lowered for w in INTELLIGENCE_WORDS):
        return "intelligence_service"
    for word in lowered.split()[1:]:
        kind = DATA["body_kinds"].get(word)
        if kind:
            return kind
    return "organisation"
