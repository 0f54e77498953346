"""Hard-wrapped text (newsletters, e-mail, wire feeds at ~72 columns) is read paragraph by paragraph."""

from __future__ import annotations

import textwrap

from purportedly.analysis import analyze
from purportedly.reading import read_text

PARAGRAPHS = [
    "Volunteers say evacuation bus came under fire near Pokrovka",
    "Posted 14 March 2024",
    "A bus carrying eleven evacuees from the village of Pokrovka was hit by shrapnel on Wednesday "
    "morning, the regional volunteer network said, adding that nobody on board was seriously hurt.",
    "\u201cWe heard the first shell land behind us and the driver just kept going, which is the only "
    "reason we are alive,\u201d said Iryna Shevchuk, a nurse who coordinates the convoys. \u201cThe "
    "second one hit the road where we had been.\u201d",
    "The regional military administration could not immediately confirm the account, and Russian "
    "officials did not respond to a request for comment sent on Wednesday afternoon.",
]
BULLETS = "KEY POINTS\n- Bus with eleven evacuees hit by shrapnel\n- Nobody seriously hurt\n"


def wrapped_article(width: int = 72) -> str:
    head = "\n".join(PARAGRAPHS[:2])
    body = "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS[2:])
    return f"{head}\n\n{BULLETS}\n{body}\n"


def test_wrapped_paragraphs_become_one_segment_each():
    article = read_text(wrapped_article())
    body = [s.text for s in article.segments if s.kind == "body"]
    assert len(body) == 3
    assert " ".join(body[0].split()) == PARAGRAPHS[2]
    assert all(article.text[s.start : s.end] == s.text for s in article.segments)


def test_title_date_and_bullets_stay_lines_of_their_own():
    article = read_text(wrapped_article())
    assert article.title == PARAGRAPHS[0]
    assert article.date is not None and article.date.isoformat() == "2024-03-14"
    assert [s.text for s in article.segments if s.kind == "key_point"] == [
        "Bus with eleven evacuees hit by shrapnel",
        "Nobody seriously hurt",
    ]


def test_a_quote_wrapped_over_lines_keeps_its_speaker():
    analysis = analyze(wrapped_article(width=64))
    first = next(q for q in analysis.quotes if q.text.startswith("We heard the first shell"))
    assert " ".join(first.text.split()).endswith("the only reason we are alive,")
    assert first.speaker == "Iryna Shevchuk"
    second = next(q for q in analysis.quotes if q.text.startswith("The second one"))
    assert second.speaker == "Iryna Shevchuk"


def test_a_lower_case_line_carries_on_the_sentence_before_it():
    text = 'Storm damage at the port\n\n"We lost two cranes," the harbour master\nsaid on Friday.\n'
    body = [s.text for s in read_text(text).segments if s.kind == "body"]
    assert body == ['"We lost two cranes," the harbour master\nsaid on Friday.']


def test_one_paragraph_per_line_text_is_unchanged():
    text = "\n".join(PARAGRAPHS) + "\n"
    article = read_text(text)
    assert len([s for s in article.segments if s.kind == "body"]) == 3
    assert all("\n" not in s.text for s in article.segments)
