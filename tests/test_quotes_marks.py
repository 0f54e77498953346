"""The quote-mark scanner on its own: pairing, apostrophes, nesting, unclosed marks, paragraph runs."""

from __future__ import annotations

import re

import pytest

from purportedly.nlp.quotes.marks import find_quotes


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def quoted(text: str) -> list[tuple[str, int | None, int | None]]:
    """(words, parent index, previous piece index) of every quote found."""
    return [(text[s.start : s.end], s.parent, s.continues) for s in find_quotes(text, paragraphs(text))]


def test_straight_double_quotes_pair_in_order():
    text = 'She said "first words," and then "second words."'
    assert quoted(text) == [("first words,", None, None), ("second words.", None, None)]


def test_offsets_point_at_the_words_inside_the_marks():
    text = "Intro. \u201cWe are leaving,\u201d the soldier said."
    (span,) = find_quotes(text, paragraphs(text))
    assert text[span.start : span.end] == "We are leaving,"
    assert text[span.open_at] == "\u201c" and text[span.close_at] == "\u201d"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "\u2018It\u2019s over \u2013 the soldiers\u2019 boots are gone,\u2019 he said.",
            "It\u2019s over \u2013 the soldiers\u2019 boots are gone,",
        ),
        ("'Don't shoot, it's our guys,' the medic shouted.", "Don't shoot, it's our guys,"),
        ("Officers told them to 'stop whining' about the cold.", "stop whining"),
    ],
)
def test_single_quotes_are_told_from_apostrophes(text, expected):
    assert [q[0] for q in quoted(text)] == [expected]


def test_possessive_apostrophe_alone_is_not_a_quote():
    assert quoted("The prisoners' families and the guards' officers met in the 90s.") == []


def test_nested_single_quote_inside_double_is_a_child():
    text = "\"The major lined us up and said, 'Nobody retreats,' and walked off,\" the private said."
    assert quoted(text) == [
        ("The major lined us up and said, 'Nobody retreats,' and walked off,", None, None),
        ("Nobody retreats,", 0, None),
    ]


def test_nested_double_quote_inside_single():
    text = "'He called it a \"routine drill\" on the radio,' the sister said."
    assert quoted(text) == [
        ('He called it a "routine drill" on the radio,', None, None),
        ("routine drill", 0, None),
    ]


def test_open_quote_per_paragraph_gives_one_piece_per_paragraph():
    text = "\u201cFirst part of the story.\n\n\u201cSecond part.\n\n\u201cLast part,\u201d he said.\n\nNext."
    assert quoted(text) == [
        ("First part of the story.", None, None),
        ("Second part.", None, 0),
        ("Last part,", None, 1),
    ]


def test_unclosed_quote_stops_at_the_paragraph_end():
    text = 'He told us: "We will never leave this town\n\nThe next paragraph is "closed" as usual.'
    assert quoted(text) == [("We will never leave this town", None, None), ("closed", None, None)]


def test_unclosed_quote_does_not_continue_into_a_paragraph_without_a_mark():
    text = "\u201cAn unfinished thought\n\nA normal paragraph."
    assert quoted(text) == [("An unfinished thought", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        "''",
        "\u201c\u201d",
        "\u00ab\u00bb \u201e",
        "'''\"\"\"'",
        "\U0001f600 \"\U0001f4a5\" \u0432\u043e\u0439\u043d\u0430 '\u0434\u0430'",
    ],
)
def test_odd_inputs_never_raise_and_stay_in_bounds(text):
    for span in find_quotes(text, paragraphs(text)):
        assert 0 <= span.start < span.end <= len(text)


def test_british_run_over_paragraphs_with_a_plural_possessive():
    text = (
        "\u2018We\u2019re told it\u2019s fine. The lads\u2019 kit is rubbish.\n\n"
        "\u2018Nobody cares,\u2019 he said"
    )
    assert quoted(text) == [
        ("We\u2019re told it\u2019s fine. The lads\u2019 kit is rubbish.", None, None),
        ("Nobody cares,", None, 0),
    ]


def test_a_height_in_feet_and_inches_is_no_quote_mark():
    text = "The skipper is 6'3\" tall and calls the ferry \"our last lifeline\" in every speech."
    assert quoted(text) == [("our last lifeline", None, None)]
    # a quote that closes after a number still closes
    assert quoted('He said "we won 3-2" at the harbour.') == [("we won 3-2", None, None)]
