"""Many distinct, ordinary fictional articles for load tests (crash, concurrency), written at test time."""

from __future__ import annotations

from pathlib import Path

PLACES = ["Stepne", "Verkhnia Dubrava", "Oleksiivka", "Zarichne", "Krasnyi Yar", "Novoselytsia", "Pidhirne"]
OUTLETS = ["Harbour Courier", "the Valley Times", "Eastwire", "Frontline Gazette", "Radio Steppe"]
SPEAKERS = ["a conscript", "the gunner", "a medic", "the driver", "a volunteer", "the commander's wife"]
LAYOUTS = [
    # wire style, straight quotes, dateline
    "{place_upper}, March {day} (Eastwire) - {number} shells hit {place} overnight, officials said.\n\n"
    '"We sat in the cellar until dawn," {speaker} told {outlet}. '
    "The claim could not be independently verified.\n",
    # tabloid style, curly quotes, hedges
    "SHOCK CALL: '{number} of us left'\n\n"
    "In a call purportedly intercepted by the security service, {speaker} complains about {place}.\n\n"
    "\u201cThey send us forward without ammunition,\u201d the voice says. "
    "{outlet} reported that the recording appeared on Telegram on {day} March.\n",
    # interview layout with labels
    "Interview: life near {place}\n\n"
    "Q: How many people stayed?\n"
    "A: About {number}, mostly older residents, {speaker} said.\n\n"
    "The account was first published by {outlet}.\n",
]


def story(index: int) -> str:
    """Article ``index``: every index gives a different text (the store must not merge them)."""
    place = PLACES[index % len(PLACES)]
    text = LAYOUTS[index % len(LAYOUTS)].format(
        place=place,
        place_upper=place.upper(),
        day=1 + index % 28,
        number=10 + index,
        speaker=SPEAKERS[index % len(SPEAKERS)],
        outlet=OUTLETS[index % len(OUTLETS)],
    )
    return f"{text}\nThis is report number {index} in the series.\n"


def write_stories(root: Path, indices: range) -> list[Path]:
    """One .txt file per index under ``root``; returns their paths in order."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in indices:
        path = root / f"report_{index:04d}.txt"
        path.write_text(story(index), encoding="utf-8")
        paths.append(path)
    return paths
