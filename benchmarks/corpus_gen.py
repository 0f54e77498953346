"""Generate a reproducible synthetic corpus of war-reporting articles in varied layouts, lazily.

Every article is built from its index and a seed alone, so a corpus of any size can be
streamed without holding it: several outlet layouts (wire story with dateline, live blog,
broadcaster with key points, magazine interview, bare text), many sentence templates, and
random names, places, numbers, quotes, hedges and sources. All events are fictional.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "Oleksandr",
    "Olexandr",
    "Aleksandr",
    "Mykola",
    "Nikolai",
    "Dmytro",
    "Dmitry",
    "Iryna",
    "Irina",
    "Yulia",
    "Julia",
    "Serhiy",
    "Sergei",
    "Andriy",
    "Andrei",
    "Tetiana",
    "Tatyana",
    "Viktor",
    "Natalia",
    "Pavlo",
    "Pavel",
    "Olena",
    "Elena",
    "Bohdan",
    "Vadym",
    "Vadim",
    "Hanna",
    "Anna",
    "Kateryna",
    "Marta",
    "Ruslan",
    "Taras",
    "Yevhen",
    "Evgeny",
    "Maksym",
    "Maxim",
    "Larysa",
    "Roman",
    "Ihor",
    "Igor",
    "Svitlana",
    "Artem",
    "Zakhar",
    "Khrystyna",
]
LAST = [
    "Kovalenko",
    "Bondarenko",
    "Tkachenko",
    "Kravchuk",
    "Shevchuk",
    "Melnyk",
    "Moroz",
    "Lysenko",
    "Petrenko",
    "Savchenko",
    "Rudenko",
    "Marchenko",
    "Hnatiuk",
    "Horbach",
    "Voloshyn",
    "Zinchenko",
    "Yatsenko",
    "Ostapenko",
    "Dovzhenko",
    "Khomenko",
    "Pavlenko",
    "Sydorenko",
    "Volkov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Morozov",
    "Orlov",
    "Belov",
    "Gusev",
    "Zaitsev",
    "Karpov",
    "Medvedev",
    "Yakovlev",
]
TOWNS = [
    "Verkhnodarivka",
    "Zalisne",
    "Krasnopil",
    "Staromlyn",
    "Bilohirka",
    "Novoselivka",
    "Dubrivka",
    "Kamianka",
    "Ozerne",
    "Pryvillia",
    "Lyman-Druhyi",
    "Sosnivka",
    "Horodyshche",
    "Pishchane",
    "Mayaky",
    "Vilkhove",
    "Stepove",
    "Zorianske",
    "Tykhe",
    "Zelenyi-Hai",
    "Rivnopil",
    "Kalynivka",
    "Pidhirne",
    "Vyshneve",
    "Yasynuvate-Nove",
    "Berezivka",
    "Sokilnyky",
    "Klynove",
]
REGIONS = (
    "Kharkiv region",
    "Donetsk region",
    "Zaporizhzhia region",
    "Kherson region",
    "Sumy region",
    "Luhansk region",
    "Belgorod region",
    "Kursk region",
    "the Dnipro river bank",
    "the southern front",
)
OUTLETS = (
    "Kyiv Herald",
    "Northern Ledger",
    "Eastern Wire",
    "Baltic Morning Post",
    "Continental Tribune",
    "the Meridian",
    "Frontline Dispatch",
    "Danube Daily",
    "Atlas Radio",
    "Channel Seven News",
)
AGENCIES = ("Reuters", "AFP", "AP", "Interfax", "Ukrinform", "TASS", "RIA", "dpa")
SERVICES = (
    "the Security Service of Ukraine (SBU)",
    "Ukraine's military intelligence agency, HUR",
    "the Defence Intelligence Directorate",
    "the State Security Bureau",
    "the General Staff",
    "the Ministry of Defence",
    "the regional military administration",
    "the border guard service",
)
SHORT_SERVICES = (
    "the SBU",
    "HUR",
    "the directorate",
    "the ministry",
    "the General Staff",
    "officials",
    "the agency",
    "military intelligence",
)
CHANNELS = (
    "a pro-war Telegram channel",
    "a military blogger",
    "the channel Front Notes",
    "an anonymous Telegram account",
    "a local news channel",
    "an open-source monitoring group",
)
UNITS = (
    "conscripts",
    "soldiers",
    "civilians",
    "servicemen",
    "mobilised men",
    "paratroopers",
    "marines",
    "volunteers",
    "medics",
    "border guards",
)
EVENTS = ("killed", "wounded", "captured", "missing", "evacuated", "taken prisoner", "injured")
WEAPONS = (
    "a glide bomb",
    "a Shahed drone",
    "an FPV drone",
    "artillery",
    "a cluster munition",
    "an Iskander missile",
    "mortar fire",
    "a Grad rocket salvo",
    "a Lancet loitering munition",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HEDGES = ("purportedly", "allegedly", "reportedly", "apparently", "supposedly")
VERIFY = (
    "could not be independently verified",
    "has not been verified by the {outlet}",
    "could not immediately be confirmed",
    "was impossible to verify independently",
    "has not been authenticated",
)
CUE = (
    "said",
    "told",
    "added",
    "claimed",
    "wrote",
    "stated",
    "insisted",
    "complained",
    "explained",
    "recalled",
)
QUOTE_MARKS = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("'", "'"))
SPOKEN = (
    "We were sent forward without any cover and half the company is gone",
    "They told us it would take three days, it has been three months",
    "Nobody is coming to pick up the wounded, we carry them ourselves",
    "The commander ran away the first night and left us in the trenches",
    "There is no water, no food, and the drones come every hour",
    "I have {n} men left out of {m}, write that down",
    "Mum, do not believe what they show on television",
    "We hit the column at dawn and it burned until noon",
    "If I refuse they say they will shoot me themselves",
    "The shells fall on the same crossroads every evening",
    "They are pulling old tanks out of storage because nothing else is left",
    "We have orders not to talk about the losses",
)
BODY = (
    "{Hedge}, {n} {unit} were {event} near {town} after {weapon} struck their positions on {day}.",
    "According to {service}, the attack on {town} in the {region} left {n} {unit} {event}.",
    "{Service} said on {day} that its units had pushed back an assault near {town}.",
    "The recording, released by {service_short}, {verify}.",
    "{Name}, {age}, a resident of {town}, said the shelling began before dawn and lasted for {h} hours.",
    "Local officials put the toll at {n}, while {channel} claimed the real figure was closer to {m}.",
    "In the intercepted call, a man identified as {name} tells a relative that his unit lost {n} men.",
    "The {outlet} was unable to confirm the identity of the speakers on the recording.",
    "{Agency} reported that {n} drones were shot down overnight over the {region}.",
    "Satellite images reviewed by analysts appear to show damage at a depot outside {town}.",
    "The claims could not be checked, and {service_short} has previously released recordings it says are "
    "intercepts, some of which were later disputed.",
    "At least {n} {unit} were {event} and about {m} more were {event2}, {service_short} said.",
    "Fighting around {town} has intensified since {month}, with both sides reporting heavy losses.",
    "{Name}, a spokesman for {service_short}, denied that any {unit} had been {event} in the strike.",
    "It is not known when the conversation took place or where the soldier was calling from.",
    "More than {n} families have left {town} since the start of {month}, volunteers said.",
    "The soldier, who gives his name only as {first}, says he was mobilised in {month} of last year.",
    "According to {channel}, the unit had been moved to the {region} only {h} days earlier.",
    "The ministry described the figures as 'provocations' and said they were fabricated.",
    "Independent monitors estimate that between {n} and {m} {unit} have been {event} in the area.",
)
HEADLINES = (
    "{Unit} {event} near {town}, intercepted call {hedge} reveals",
    "'{short_quote}': soldier's call describes losses at {town}",
    "Intercepted call: {n} {unit} {event} in {region}",
    "{Service} releases recording of soldier complaining about losses near {town}",
    "Strike on {town} leaves {n} {unit} {event}, officials say",
)


class ArticleGenerator:
    """Builds article ``i`` of a corpus from ``(seed, i)`` only: reproducible and lazy."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed

    def article(self, index: int, target_words: int = 500) -> str:
        rng = random.Random(self.seed * 1_000_003 + index)
        layout = rng.choice((_wire, _live_blog, _broadcaster, _interview, _bare))
        return layout(rng, _Filler(rng), target_words)


class _Filler:
    """Fills template slots with random names, places, numbers, hedges and sources."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.outlet = rng.choice(OUTLETS)

    def values(self) -> dict[str, str]:
        r = self.rng
        n = r.choice((r.randint(2, 30), r.randint(30, 400), r.randint(1000, 9000)))
        first, last = r.choice(FIRST), r.choice(LAST)
        service, hedge = r.choice(SERVICES), r.choice(HEDGES)
        unit, event = r.choice(UNITS), r.choice(EVENTS)
        values = {
            "n": f"{n:,}" if n > 999 else str(n),
            "m": str(n + r.randint(3, 200)),
            "h": str(r.randint(2, 14)),
            "age": str(r.randint(19, 71)),
            "first": first,
            "name": f"{first} {last}",
            "town": r.choice(TOWNS),
            "region": r.choice(REGIONS),
            "service": service,
            "service_short": r.choice(SHORT_SERVICES),
            "channel": r.choice(CHANNELS),
            "unit": unit,
            "event": event,
            "event2": r.choice(EVENTS),
            "weapon": r.choice(WEAPONS),
            "day": r.choice(DAYS),
            "month": r.choice(MONTHS),
            "hedge": hedge,
            "agency": r.choice(AGENCIES),
            "outlet": self.outlet,
            "verify": r.choice(VERIFY),
            "short_quote": r.choice(SPOKEN).split(",")[0][:48],
        }
        values["verify"] = values["verify"].format(outlet=self.outlet)
        capitalised = {key.capitalize(): value[:1].upper() + value[1:] for key, value in values.items()}
        return values | capitalised

    def sentence(self) -> str:
        return self.rng.choice(BODY).format(**self.values())

    def quote(self) -> str:
        values = self.values()
        words = self.rng.choice(SPOKEN).format(n=values["h"], m=values["m"])
        opening, closing = self.rng.choice(QUOTE_MARKS)
        cue, speaker = (
            self.rng.choice(CUE),
            self.rng.choice(
                (values["name"], "the soldier", "he", "she", "the man", "his wife", "one officer")
            ),
        )
        form = self.rng.randrange(3)
        if form == 0:
            return f"{opening}{words},{closing} {speaker} {cue}."
        if form == 1:
            return f"{speaker[:1].upper() + speaker[1:]} {cue}: {opening}{words}.{closing}"
        return f"{opening}{words}.{closing}"

    def paragraph(self) -> str:
        parts = [
            self.quote() if self.rng.random() < 0.3 else self.sentence()
            for _ in range(self.rng.randint(2, 4))
        ]
        return " ".join(parts)

    def body(self, target_words: int) -> list[str]:
        paragraphs, words = [], 0
        while words < target_words:
            paragraph = self.paragraph()
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        return paragraphs

    def headline(self) -> str:
        return self.rng.choice(HEADLINES).format(**self.values())

    def date_line(self) -> str:
        r = self.rng
        return f"{r.choice(DAYS)} {r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2022, 2025)}"


def _wire(rng: random.Random, fill: _Filler, words: int) -> str:
    body = fill.body(words)
    dateline = (
        f"{rng.choice(TOWNS).upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) - "
    )
    reporting = f"(Reporting by {fill.values()['name']}; Editing by {fill.values()['name']})"
    return "\n\n".join([fill.headline(), dateline + body[0], *body[1:], reporting]) + "\n"


def _live_blog(rng: random.Random, fill: _Filler, words: int) -> str:
    blocks = [f"Live: {fill.headline()}", f"Updated {fill.date_line()}"]
    for paragraph in fill.body(words):
        blocks += [f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d} BST", paragraph]
    return "\n\n".join(blocks) + "\n"


def _broadcaster(rng: random.Random, fill: _Filler, words: int) -> str:
    points = [f"* {fill.sentence()}" for _ in range(rng.randint(2, 4))]
    caption = f"Residents inspect a damaged building in {rng.choice(TOWNS)}. Photo: {rng.choice(AGENCIES)}"
    head = [fill.headline(), f"By {fill.values()['name']}", fill.date_line(), "Key points:", *points, caption]
    return "\n\n".join([*head, *fill.body(words)]) + "\n"


def _interview(rng: random.Random, fill: _Filler, words: int) -> str:
    blocks = [fill.headline(), f"Interview by {fill.values()['name']}, {fill.outlet}", fill.date_line()]
    while sum(len(block.split()) for block in blocks) < words:
        blocks += [f"Q: {fill.sentence().rstrip('.')}?", f"A: {fill.paragraph()}"]
    return "\n\n".join(blocks) + "\n"


def _bare(rng: random.Random, fill: _Filler, words: int) -> str:
    return "\n".join(fill.body(words)) + "\n"


def generate_texts(count: int, seed: int = 7, target_words: int = 500) -> Iterator[str]:
    """The corpus's texts one by one; nothing is kept between articles."""
    generator = ArticleGenerator(seed)
    for index in range(count):
        yield generator.article(index, target_words)


def write_corpus(
    directory: Path, count: int, seed: int = 7, target_words: int = 500
) -> tuple[list[Path], int]:
    """Write ``count`` articles as ``NNNNNN.txt`` files; return their paths and the total word count."""
    directory.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    for index, text in enumerate(generate_texts(count, seed, target_words)):
        path = directory / f"{index:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words
