"""Test corpora for the workspace: our own articles analysed for real, plus hand-annotated analyses.

The hand-annotated analyses pin the web layer's input contract (quotes with speakers, hedges,
sources, times, counts, claims with chains, captions and key points) independently of how far
the analyser components have got; every span's offsets are computed from the text itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from purportedly.engines.ingest import ingest_analyses, ingest_paths
from purportedly.model import (
    Analysis,
    Article,
    ChainLink,
    Claim,
    Count,
    Entity,
    Factuality,
    Hedge,
    Quote,
    Segment,
    Source,
    Span,
    TimeExpression,
)
from purportedly.store import Store

ARTICLES = Path(__file__).resolve().parents[1] / "articles" / "web"
PAYLOAD_SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"


def annotated_text(name: str) -> str:
    return (ARTICLES / "annotated" / f"{name}.txt").read_text(encoding="utf-8")


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str, nth: int = 0) -> Span:
    start, end = at(text, needle, nth)
    return Span(text=needle, start=start, end=end)


def segments(text: str, kinds: list[tuple[str, str]]) -> list[Segment]:
    """Segments at their needles; a body segment runs on to the end of its line."""
    out = []
    for kind, needle in kinds:
        start, end = at(text, needle)
        if kind == "body":
            line_end = text.find("\n", start)
            end = len(text) if line_end < 0 else line_end
        if out and out[-1].kind == "dateline" and out[-1].end < start:
            start = out[-1].end + 1  # the paragraph goes on after its dateline
        out.append(Segment(kind=kind, start=start, end=end, text=text[start:end]))
    return out


def quote(text: str, qid: str, words: str, speaker: str, mention: str, cue: str) -> Quote:
    start, end = at(text, words)
    return Quote(
        id=qid,
        text=words,
        start=start,
        end=end,
        speaker=speaker,
        speaker_mention=span(text, mention),
        cue=cue,
        cue_span=span(text, cue),
    )


def count(text: str, number: int, what: str, event: str, words: str) -> Count:
    start, end = at(text, words)
    return Count(number=number, what=what, event=event, text=words, start=start, end=end)


def hedge(text: str, cue: str, category: str, sentence: str) -> Hedge:
    start, end = at(text, cue)
    s_start, s_end = at(text, sentence)
    return Hedge(
        cue=cue,
        category=category,
        sentence=sentence,
        start=start,
        end=end,
        sentence_start=s_start,
        sentence_end=s_end,
    )


def claim(
    text: str,
    cid: str,
    words: str,
    chain: list[tuple[str, str, str]],
    value: str,
    cues: list[str],
    quote_id: str | None = None,
) -> Claim:
    start, end = at(text, words)
    certainty = {"CT": "certain", "PR": "probable", "PS": "possible"}.get(value[:2], "unknown")
    polarity = {"+": "positive", "-": "negative"}.get(value[-1], "underspecified")
    return Claim(
        id=cid,
        text=words,
        start=start,
        end=end,
        quote_id=quote_id,
        chain=[ChainLink(name=n, role=r, kind=k) for n, r, k in chain],
        factuality=Factuality(certainty=certainty, polarity=polarity, value=value, cues=cues),
    )


def analysis(document: str, text: str, **parts) -> Analysis:
    article = Article(
        document=document,
        text=text,
        title=parts.get("title"),
        date=parts.get("date"),
        outlet=parts.get("outlet"),
        segments=parts.pop("segments"),
    )
    return Analysis(document=document, article=article, **parts)


def wire_report() -> Analysis:
    text = annotated_text("wire")
    q = quote(
        text,
        "q1",
        "Our commander sent the whole company across the minefield without helmets,",
        "the soldier",
        "the soldier",
        "said",
    )
    chain = [
        ("Artyom", "speaker", "person"),
        ("intercepted call", "recording", "recording"),
        ("Security Service of Ukraine", "releaser", "intelligence_service"),
        ("Eastwire", "article", "news_agency"),
    ]
    return analysis(
        "hand_wire.txt",
        text,
        title="Soldier says his unit was sent forward without armour",
        date=date(2024, 3, 14),
        outlet="Eastwire",
        segments=segments(
            text,
            [
                ("title", "Soldier says his unit was sent forward without armour"),
                ("dateline", "KHORIVKA, March 14 (Eastwire) -"),
                ("body", "Ukraine's Security Service released"),
                ("body", '"Our commander sent'),
                ("body", "Eastwire could not independently verify the recording."),
                ("body", "Nine men from his company"),
            ],
        ),
        quotes=[q],
        sources=[
            Source(
                id="s1",
                name="Security Service of Ukraine",
                kind="intelligence_service",
                aliases=["Ukraine's Security Service"],
                mentions=[span(text, "Ukraine's Security Service")],
            )
        ],
        hedges=[
            hedge(text, "purportedly", "reportative", "Ukraine's Security Service released"),
            hedge(text, "could not independently verify", "failed_check", "Eastwire could not independently"),
        ],
        times=[
            TimeExpression(
                text="March 11",
                start=at(text, "March 11")[0],
                end=at(text, "March 11")[1],
                value="2024-03-11",
            )
        ],
        counts=[
            Count(
                number=9,
                what="soldiers",
                event="returned",
                text="nine of us",
                start=at(text, "nine of us")[0],
                end=at(text, "nine of us")[1],
            ),
            count(text, 9, "men", "killed", "Nine men"),
        ],
        entities=[
            Entity(
                id="e1",
                name="Security Service of Ukraine",
                type="ORG",
                aliases=["SBU"],
                mentions=[span(text, "Ukraine's Security Service")],
            )
        ],
        claims=[
            claim(
                text,
                "c1",
                "Our commander sent the whole company across the minefield without helmets",
                chain,
                "PR+",
                ["allegedly"],
                "q1",
            )
        ],
    )


def tabloid_retell() -> Analysis:
    text = annotated_text("tabloid")
    q = quote(
        text,
        "q1",
        "Our commander sent the whole company across the minefield without helmets,",
        "Artyom",
        "he",
        "added",
    )
    chain = [
        ("Artyom", "speaker", "person"),
        ("intercepted call", "recording", "recording"),
        ("Security Service of Ukraine", "releaser", "intelligence_service"),
        ("Eastwire", "relay", "news_agency"),
        ("Mirror Post", "article", "outlet"),
    ]
    denial_chain = [("Moscow", "speaker", "government"), ("Mirror Post", "article", "outlet")]
    return analysis(
        "hand_tabloid.txt",
        text,
        title="Conscript's call: 'nine of us came back'",
        date=date(2024, 3, 15),
        outlet="Mirror Post",
        segments=segments(
            text,
            [
                ("title", "Conscript's call: 'nine of us came back'"),
                ("date", "Published: 15 March 2024"),
                ("key_points_header", "KEY POINTS"),
                ("key_point", "Ukraine's SBU released the intercepted call"),
                ("body", "A Russian soldier has apparently"),
                ("body", '"Our commander sent the whole'),
                ("body", "Moscow denied that any unit"),
                ("caption", "A position near Verbivka."),
                ("credit", "ALINA MOROZ/AFP via Getty Images"),
                ("body", "He said twelve men"),
            ],
        ),
        key_points=["Ukraine's SBU released the intercepted call"],
        captions=["A position near Verbivka.", "ALINA MOROZ/AFP via Getty Images"],
        quotes=[q],
        sources=[
            Source(
                id="s1",
                name="Security Service of Ukraine",
                kind="intelligence_service",
                aliases=["SBU"],
                mentions=[span(text, "SBU", 1)],
            ),
            Source(id="s2", name="Eastwire", kind="news_agency", mentions=[span(text, "Eastwire")]),
        ],
        counts=[count(text, 12, "men", "killed", "twelve men")],
        hedges=[
            hedge(text, "apparently", "evidential", "A Russian soldier has apparently"),
            hedge(text, "denied", "denial", "Moscow denied that any unit was sent forward unequipped."),
        ],
        claims=[
            claim(
                text,
                "c1",
                "Our commander sent the whole company across the minefield without helmets",
                chain,
                "PR+",
                ["reportedly"],
                "q1",
            ),
            claim(text, "c2", "any unit was sent forward unequipped", denial_chain, "CT-", ["denied"]),
        ],
    )


def hostile_markup() -> Analysis:
    """Every field a page shows carries markup that would run if it were ever parsed as HTML."""
    text = annotated_text("hostile")
    words = f"We found {PAYLOAD_SCRIPT} in the leaflets {PAYLOAD_IMG}."
    q = quote(text, "q1", words, f"Ivan {PAYLOAD_IMG} Petrenko", "A commander", "said")
    chain = [(f"Ivan {PAYLOAD_IMG}", "speaker", "person"), (f"Channel {PAYLOAD_SCRIPT}", "article", "outlet")]
    return analysis(
        "hand_hostile.txt",
        text,
        title=f"Leaflets {PAYLOAD_SCRIPT} found",
        date=date(2024, 4, 5),
        outlet=f"Channel {PAYLOAD_SCRIPT}",
        segments=segments(
            text,
            [
                ("title", f"Leaflets {PAYLOAD_SCRIPT} found"),
                ("body", "A commander said"),
                ("body", "The claim could not be independently verified."),
            ],
        ),
        quotes=[q],
        sources=[
            Source(id="s1", name=f"Source {PAYLOAD_IMG}", kind="person", mentions=[span(text, "A commander")])
        ],
        entities=[
            Entity(
                id="e1",
                name=f"Ivan {PAYLOAD_IMG}",
                type="PERSON",
                aliases=[PAYLOAD_SCRIPT],
                mentions=[span(text, "A commander")],
            )
        ],
        claims=[claim(text, "c1", words, chain, "CT+", [], "q1")],
    )


HAND_ANNOTATED = (wire_report, tabloid_retell, hostile_markup)


def build_corpus(db_path: Path | str, *, analyse_files: bool = True) -> dict[str, str]:
    """Fill a store with the hand-annotated analyses (and our articles analysed for real).

    Returns document name -> article id as the store numbers it.
    """
    with Store.open(db_path) as store:
        ingest_analyses(store, (make() for make in HAND_ANNOTATED))
        if analyse_files:
            ingest_paths(store, [str(p) for p in sorted(ARTICLES.glob("*.txt"))])
        return {
            str(row["document"]): str(row["id"]) for row in store.query("SELECT id, document FROM articles")
        }
