"""Titles and captions on reposted wire copy: story credits, link menus, hard-wrapped openings."""

from __future__ import annotations

from purportedly.analysis import analyze
from purportedly.model import Article
from purportedly.reading import read_text

REPOST = """Floods cut road to Velmora valley

Heavy rain washed away the only bridge into the Velmora valley on Tuesday, officials said.
Rescue teams reached three villages by boat, the regional governor told reporters.
The storms have reportedly left around 400 people homeless and displaced at least two thousand.
Source: Northwire
Comments are closed.
"""

PHOTO_TAIL = """Ferry strike ends after talks

Striking dock workers gather outside the harbour office in Port Alden. AFP photo

Dock workers in Port Alden returned to work on Friday after a week-long strike.
The union said its members had won a pay rise.
"""

LOWERCASE_PLATFORM = """A video said to show a flooded shaft near Karsk is trending in social media.

The mine's owners have not commented on the footage.
"""

MENU = """Council delays vote on Velmora dam
Fishermen protest new quotas
Storm warning for the coast
Karsk weather

Velmora, May 3
The district council put off its vote on the Velmora dam on Monday, saying it needed more studies.
"""

WRAPPED = """It was the worst storm on the Velmora coast since
a tidal surge flooded the harbour district in
March 2019, leaving at least 40 families homeless and cutting
the town in two.
There was no warning from the weather office, which has
issued similar alerts in the past, including during the
surge of 2019 that flooded the harbour district and the old
market square.
Harbour master Ilse Brandt gave the figures on Friday
evening at the port office, saying the sea wall had held
but that the coast road would stay closed until the water
had gone down.
"""


def read(text: str) -> Article:
    return read_text(text, document="test.txt")


def captions(article: Article) -> list[str]:
    return [s.text for s in article.segments if s.kind in ("caption", "credit")]


def title(article: Article) -> str | None:
    return next((s.text for s in article.segments if s.kind == "title"), None)


def test_source_line_closing_a_repost_credits_the_story_not_a_photo():
    article = read(REPOST)
    assert captions(article) == []
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["Source: Northwire"] == "boilerplate"
    assert kinds[REPOST.splitlines()[4]] == "body"


def test_story_numbers_above_a_closing_source_line_are_counted():
    counts = analyze(REPOST).counts
    assert 400 in {count.number for count in counts}


def test_caption_ending_with_agency_and_photo_word_is_a_caption():
    article = read(PHOTO_TAIL)
    assert captions(article) == [PHOTO_TAIL.splitlines()[2]]
    assert title(article) == "Ferry strike ends after talks"


def test_platform_written_in_lower_case_is_prose_not_a_credit():
    assert captions(read(LOWERCASE_PLATFORM)) == []


def test_headline_above_a_menu_of_other_stories_is_the_title():
    article = read(MENU)
    assert title(article) == "Council delays vote on Velmora dam"
    menu = [s.kind for s in article.segments if s.text in ("Fishermen protest new quotas", "Karsk weather")]
    assert menu == ["body", "body"]


def test_hard_wrapped_opening_paragraph_is_not_a_title():
    article = read(WRAPPED)
    assert title(article) is None
    assert any(s.kind == "body" and s.text.startswith("It was the worst storm") for s in article.segments)
