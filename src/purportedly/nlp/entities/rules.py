"""Rule-based entity mentions spaCy's small model misses: units, regions, rivers, credits, channels."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from purportedly.nlp.entities.aliases import Mention

# priorities: gazetteer 3 > these rules 2 > statistical NER 0
RULE_PRIORITY = 2

CAP_WORD = r"[A-Z][\w’'\-]*"
CAP_SEQ = rf"{CAP_WORD}(?:[ \t]+(?:{CAP_WORD}|[0-9]+))" + "{0,3}"
CAPS_WORD = r"[A-Z][A-Z’'.\-]+"

UNIT_NOUNS = (
    "Regiment|Brigade|Battalion|Detachment|Division|Army|Corps|Company|Squadron|Platoon|"
    "Flotilla|Fleet|Group|Unit|Centre|Center"
)
MILITARY_UNIT = re.compile(rf"\b\d+(?:st|nd|rd|th)(?:[ \t]+{CAP_WORD}){{0,4}}[ \t]+(?:{UNIT_NOUNS})\b")
REGION = re.compile(
    rf"\b({CAP_WORD}(?:[ \t]+{CAP_WORD})?)[ \t]+(region|oblast|Oblast|Region|krai|Krai|province|Province)\b"
)
RIVER = re.compile(rf"\b({CAP_WORD})[ \t]+(river|River)\b|\bRiver[ \t]+({CAP_WORD})\b")
# 'ALEXANDER NEMENOV/AFP', 'AFP / ARIS MESSINIS', '(Ivan Tkach/AP)', 'Photograph: Mark Ellison/Outlet'
CREDIT_CAPS_BEFORE = re.compile(rf"(?<![\w/])({CAPS_WORD}(?:[ \t]+{CAPS_WORD}){{1,3}})[ \t]*/")
CREDIT_CAPS_AFTER = re.compile(rf"/[ \t]*({CAPS_WORD}(?:[ \t]+{CAPS_WORD}){{1,3}})(?![\w’'])")
CREDIT_TITLE = re.compile(
    r"(?:\(|\b(?:Photograph|Photo|Picture|Image|Credit)s?:[ \t]*)"
    r"([A-Z][a-z’'\-]+(?:[ \t]+[A-Z][a-z’'\-]+){1,3})[ \t]*/"
)
# channels and pen names: 'a channel called Tank Graveyard', 'under the name Shturm Notes'
# ('the Vostok group, Ivan Danko,': a comma after 'group' opens its leader's name, not the group's)
NAMED_CHANNEL = re.compile(
    rf"\b(?:(?:channel|account|page|site|outlet|newspaper|blog|chat)s?,?|groups?)[ \t]+"
    rf"(?:called|named|known as)?[ \t]*[\"“‘']?({CAP_SEQ})"
)
PEN_NAME = re.compile(
    rf"\b(?:under the (?:name|pseudonym|handle|nickname|alias)|bloggers?|known as)[ \t]+[\"“‘']?({CAP_SEQ})"
    rf"(?:[ \t]+and[ \t]+({CAP_SEQ}))?"
)
SETTLEMENT = re.compile(rf"\b(?:village|town|city|settlement|hamlet|port|suburb)s?[ \t]+of[ \t]+({CAP_SEQ})")
# 'the town of Velka 20 kilometres away': a number before a lower-case word measures,
# it is no part of the name
MEASURING_NUMBER = re.compile(r"[ \t]+[0-9]+$")
# 'the UN's KAVOMI mission', 'news agency NARU': a short all-caps word the small model leaves
# unlabelled; not one of a run of capitals (a heading, a shouted name), not a transcript label
ACRONYM_WORD = re.compile(r"(?<![\w’'.\-])([A-Z][A-Z0-9]{1,7})(?![\w\-]|[’'][a-rt-z]|:|[ \t]+[A-Z]{2})")
CAPS_LINE_SHARE = 0.5
# 'KYIV, March 3 (Northwire) -': a wire dateline names a place and the agency
WIRE_DATELINE = re.compile(
    r"^([A-Z][A-Z’'\-]+(?:[ \t][A-Z][A-Z’'\-]+)?),[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2}[ \t]+"
    r"\(([A-Z][\w&.\- ]+)\)[ \t]*[-–—]",
    re.MULTILINE,
)
# 'KIEV — Ukraine's security service ...', 'SUMY, Ukraine — A missile ...', 'LAGOS (Northwire) — ...':
# a dateline's place (and the agency in brackets after it)
DASH_DATELINE = re.compile(
    r"^([A-Z][A-Z’'\-]+(?:[ \t][A-Z][A-Z’'\-]+)?)(?:,[ \t][A-Z][\w .]{1,25})?"
    r"(?:[ \t]+\(([A-Z][\w&.\- ]{1,30})\))?[ \t]+[—–-](?:[ \t]+|[ \t]*\n\s*)(?=[A-Z])",
    re.MULTILINE,
)
TEAM_BYLINE = re.compile(rf"\bBy[ \t]+the[ \t]+({CAP_SEQ})[ \t]+(?:team|staff|desk|newsroom|editors)\b")
# 'Irina Lavrova, 41,' / 'Lena Vogt said': a name followed by an age or a speech verb is a person
# a name's word may be double-barrelled: 'Tidball-Binz', 'Rimsky-Korsakov'
NAME_WORD = r"[A-Z][a-z’']+(?:-[A-Z]?[a-z’']+)*"
PERSON_CONTEXT = re.compile(
    rf"\b({NAME_WORD}(?:[ \t]{NAME_WORD}){{1,2}})"
    r"(?=,[ \t]\d{1,3},|[ \t](?:says|said|told|wrote|added|claimed|insisted|explained)\b)"
)
FACILITY_NOUNS = (
    "theatre|theater|hospital|airport|station|cathedral|church|monastery|school|university|plant|factory|"
    "bridge|dam|prison|stadium|market|port|airbase|airfield|barracks|mall|shopping centre|steelworks"
)
# 'the Odesa opera house', 'Kherson airport': a place name with a lowercase facility noun
FACILITY = re.compile(rf"\b({CAP_WORD})[ \t]+((?:[a-z]+[ \t]+){{0,2}}(?:{FACILITY_NOUNS}))\b(?![ \t]+of\b)")
# 'the Ukrainian air force', 'the Russian Navy': a national service is an organisation
NATIONAL_SERVICE = re.compile(
    r"\b[A-Z][a-z]+(?:ian|an|ish|ese)[ \t]+(?:air[ \t]+force|Air[ \t]+Force|navy|Navy|National[ \t]+Guard|"
    r"Armed[ \t]+Forces|Border[ \t]+Guard[ \t]+Service|border[ \t]+guard[ \t]+service)\b"
)
# 'Rostov-on-Don', 'Stratford-upon-Avon', 'Frankfurt-am-Main': names joined by lower-case particles
# are one place; the small model splits them and calls the second half a person
JOINED_PLACE = re.compile(
    r"\b[A-Z][a-z]+(?:-(?:on|upon|sur|en|de|la|le|am|an|na|nad|pod|under|by)-[A-Z][a-z]+)+\b"
)
POSSESSOR = re.compile(r"[A-Z][\w\-]*['’]s[ \t]+")
NOT_REGION_WORDS = {
    "The",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Russian",
    "Ukrainian",
    "This",
}


def military_units(text: str) -> Iterator[Mention]:
    for match in MILITARY_UNIT.finditer(text):
        yield Mention(match.start(), match.end(), match.group(), "ORG", RULE_PRIORITY)


def regions(text: str) -> Iterator[Mention]:
    for match in REGION.finditer(text):
        name, start = match.group(1), match.start()
        owner = POSSESSOR.match(name)
        if owner and len(name.split()) > 1:
            # "Ukraine's Donetsk province": the country owns the region, it is not part of its name
            name, start = name[owner.end() :], start + owner.end()
        if name.split()[0] in NOT_REGION_WORDS:
            continue
        surface = text[start : match.end()]
        yield Mention(start, match.end(), surface, "GPE", RULE_PRIORITY, canonical=f"{name} region")


def rivers(text: str) -> Iterator[Mention]:
    for match in RIVER.finditer(text):
        name = match.group(1) or match.group(3)
        yield Mention(
            match.start(), match.end(), match.group(), "LOC", RULE_PRIORITY, canonical=f"{name} river"
        )


def credits(text: str) -> Iterator[Mention]:
    """Photographers in credit lines; all-caps names get their title-case canonical."""
    for pattern in (CREDIT_CAPS_BEFORE, CREDIT_CAPS_AFTER):
        for match in pattern.finditer(text):
            name = match.group(1)
            canonical = " ".join(w.capitalize() for w in name.split())
            yield Mention(match.start(1), match.end(1), name, "PERSON", RULE_PRIORITY, canonical=canonical)
    for match in CREDIT_TITLE.finditer(text):
        yield Mention(match.start(1), match.end(1), match.group(1), "PERSON", RULE_PRIORITY)


def _trim_trailing_function_words(text: str, start: int, end: int) -> tuple[int, int]:
    """'Tank Graveyard' from 'Tank Graveyard' but also drop a trailing 'And'/'The' picked up by the regex."""
    words = text[start:end].split()
    while words and words[-1] in {"And", "The", "A", "In", "On", "Said", "Says"}:
        end = start + text[start:end].rfind(words[-1])
        end = len(text[:end].rstrip()) if end > start else end
        words = words[:-1]
    return start, end


def channels_and_pen_names(text: str) -> Iterator[Mention]:
    for match in NAMED_CHANNEL.finditer(text):
        start, end = _trim_trailing_function_words(text, match.start(1), match.end(1))
        if end > start:
            yield Mention(start, end, text[start:end], "ORG", RULE_PRIORITY)
    for match in PEN_NAME.finditer(text):
        for group in (1, 2):
            if match.group(group):
                start, end = _trim_trailing_function_words(text, match.start(group), match.end(group))
                if end > start:
                    yield Mention(start, end, text[start:end], "PERSON", RULE_PRIORITY)


def settlements_and_datelines(text: str) -> Iterator[Mention]:
    for match in SETTLEMENT.finditer(text):
        start, end = _trim_trailing_function_words(text, match.start(1), match.end(1))
        number = MEASURING_NUMBER.search(text[start:end])
        if number and re.match(r"[ \t]+[a-z]", text[end : end + 3]):
            end = start + number.start()
        yield Mention(start, end, text[start:end], "GPE", RULE_PRIORITY)
    for match in WIRE_DATELINE.finditer(text):
        place = match.group(1)
        yield Mention(match.start(1), match.end(1), place, "GPE", RULE_PRIORITY, canonical=place.title())
        yield Mention(match.start(2), match.end(2), match.group(2), "ORG", RULE_PRIORITY)
    for match in DASH_DATELINE.finditer(text):
        place = match.group(1)
        yield Mention(match.start(1), match.end(1), place, "GPE", RULE_PRIORITY, canonical=place.title())
        if match.group(2):
            yield Mention(match.start(2), match.end(2), match.group(2), "ORG", RULE_PRIORITY)
    for match in TEAM_BYLINE.finditer(text):
        yield Mention(match.start(1), match.end(1), match.group(1), "ORG", RULE_PRIORITY)


def facilities(text: str) -> Iterator[Mention]:
    for match in FACILITY.finditer(text):
        name = match.group(1)
        if name in NOT_REGION_WORDS or name.isupper() or _sentence_initial(text, match.start()):
            continue  # 'Russian military base', acronyms, sentence-initial capitals ('To prison?')
        if any(word in STOP_WORDS for word in match.group(2).split()[:-1]):
            continue  # 'One is in hospital': a clause, not a facility's name
        yield Mention(match.start(), match.end(), match.group(), "FAC", RULE_PRIORITY)


def _sentence_initial(text: str, at: int) -> bool:
    """Nothing but spaces between ``at`` and a sentence end, line start, quote mark or label colon."""
    before = text[max(0, at - 40) : at].rstrip(" \t")
    return not before or before[-1] in ".!?\n\"“‘:«"


def national_services(text: str) -> Iterator[Mention]:
    for match in NATIONAL_SERVICE.finditer(text):
        yield Mention(match.start(), match.end(), match.group(), "ORG", RULE_PRIORITY)


def people_in_context(text: str) -> Iterator[Mention]:
    for match in PERSON_CONTEXT.finditer(text):
        start = match.start(1)
        first = match.group(1).split(" ")[0]
        if first.lower() in STOP_WORDS:
            start += len(first) + 1  # 'When Tylovyk says': a capitalised conjunction is not a name
        if start < match.end(1):
            yield Mention(start, match.end(1), text[start : match.end(1)], "PERSON", 1)


def acronyms(text: str) -> Iterator[Mention]:
    """Short all-caps words in running text, proposed as organisations (priority 1: NER and the
    gazetteer win any overlap; the learned decision keeps or drops them)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        words = [w for w in line.split() if w[:1].isalpha()]
        caps = sum(w.isupper() for w in words)
        if words and caps / len(words) <= CAPS_LINE_SHARE:
            for match in ACRONYM_WORD.finditer(line):
                word = match.group(1)
                before = line[max(0, match.start() - 3) : match.start()]
                if sum(c.isalpha() for c in word) >= 2 and not re.search(r"[A-Z]{2,}[ \t]+$", before):
                    start = offset + match.start(1)
                    yield Mention(start, start + len(word), word, "ORG", 1)
        offset += len(line)


def joined_places(text: str) -> Iterator[Mention]:
    for match in JOINED_PLACE.finditer(text):
        yield Mention(match.start(), match.end(), match.group(), "GPE", RULE_PRIORITY)


def rule_mentions(text: str) -> list[Mention]:
    """Every rule-based mention in ``text`` (overlaps are resolved by the caller)."""
    finders = (
        military_units,
        regions,
        rivers,
        credits,
        channels_and_pen_names,
        settlements_and_datelines,
        people_in_context,
        facilities,
        national_services,
        joined_places,
        acronyms,
    )
    return [mention for finder in finders for mention in finder(text)]
