"""The plain-text layout parser on our own articles in varied outlet layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from purportedly.model import Article
from purportedly.reading import read_text

ARTICLES = Path(__file__).resolve().parent / "articles" / "reading"


def read_fixture(name: str) -> Article:
    return read_text((ARTICLES / name).read_text(encoding="utf-8"), document=name)


def kinds(article: Article, *wanted: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in article.segments if not wanted or s.kind in wanted]


def assert_well_formed(article: Article) -> None:
    """Exact offsets, sorted and disjoint segments, every non-blank line covered."""
    previous_end = 0
    for segment in article.segments:
        assert article.text[segment.start : segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
        assert segment.start >= previous_end
        previous_end = segment.end
    offset = 0
    for line in article.text.split("\n"):
        if line.strip():
            covered = [s for s in article.segments if s.start < offset + len(line) and s.end > offset]
            assert covered, f"line not covered: {line!r}"
        offset += len(line) + 1


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_fixtures_are_well_formed(name):
    assert_well_formed(read_fixture(name))


def test_wire_story_with_dateline_and_signoff():
    article = read_fixture("wire_odesa.txt")
    assert article.title == "Ukraine says intercepted radio traffic shows Russian crews refusing to sail"
    assert article.date == date(2025, 1, 9)
    assert kinds(article, "dateline") == [("dateline", "ODESA, Ukraine (Meridian Wire) —")]
    assert article.outlet == "Meridian Wire"  # the wire named in the dateline
    first_body = article.segments_of("body")[0]
    assert first_body.text.startswith("Ukraine's military intelligence on Wednesday")
    assert kinds(article, "boilerplate") == [
        ("boilerplate", "(Additional reporting by Tomasz Wierzba; Editing by Claire Dunmore)")
    ]


def test_tabloid_standfirst_byline_key_facts_and_credit():
    article = read_fixture("tabloid_keyfacts.txt")
    assert article.title == "'My son called from a cellar': mother's anguish after leaked call"
    assert article.date == date(2024, 2, 1)  # Published wins over Updated, whatever the order
    assert article.authors == ["Gwen Alder", "Rory Pask"]
    assert article.outlet == "The Weekly Herald"
    assert [s.kind for s in article.segments[:5]] == [
        "title",
        "standfirst",
        "byline",
        "date",
        "key_points_header",
    ]
    assert [s.text for s in article.segments_of("key_point")] == [
        "Valentina Orlova, 61, says the voice on the tape is her son Pavel",
        "The recording was released by Ukraine's SBU on Tuesday",
        "Pavel allegedly told her 'there is no way back'",
    ]
    assert kinds(article, "caption", "credit") == [
        ("caption", "Soldiers shelter in a basement in an undated handout photo."),
        ("credit", "JOHN DOE/EPA-EFE/Shutterstock"),
    ]


def test_live_blog_date_header_highlights_stamps_and_headings():
    article = read_fixture("liveblog_highlights.txt")
    assert article.date == date(2024, 3, 8)
    assert len(article.segments_of("key_point")) == 2
    assert [s.text for s in article.segments_of("timestamp")] == ["9.45am GMT", "8.10am GMT"]
    # a full sentence after a stamp is the entry's body, not its heading
    assert [s.text for s in article.segments_of("heading")] == ["Kremlin dismisses recordings"]


def test_article_opening_with_body_has_no_title_and_date_from_footer():
    article = read_fixture("no_title_bottom_date.txt")
    assert article.title is None
    assert article.date == date(2024, 3, 12)
    assert article.segments[0].kind == "body"


def test_captions_inline_repeated_and_credit_only():
    article = read_fixture("captions_inline.txt")
    assert article.authors == ["Mirela Costa"]  # "in Kharkiv" is where, not who
    assert [s.text for s in article.segments_of("caption", "credit")] == [
        "A column of trucks near the border crossing (Photo: Ivan Petrenko/Meridian)",
        "Empty shelves in the village shop",
        "Empty shelves in the village shop Anna Kovalenko/Anadolu via Getty Images",
        "Image: Telegram",
    ]
    assert article.segments[-1].kind == "boilerplate"


def test_interview_turns_stay_body_and_outlet_from_pipe_byline():
    article = read_fixture("interview_pipe.txt")
    assert article.outlet == "Northern Lantern"
    assert article.date == date(2023, 5, 5)
    body = [s.text for s in article.segments_of("body")]
    assert "Q: How many calls are in the archive?" in body
    assert "A: Roughly 2,000. Some were published twice, with different dates." in body
    assert article.segments_of("key_point") == []
    assert [s.text for s in article.segments_of("heading")] == ["WHAT WE KNOW:"]


def test_iso_date_glued_to_first_sentence_splits_into_date_and_body():
    text = " date 2021-07-30 Soldiers purportedly refused to advance, the agency said.\n\nMore text."
    article = read_text(text)
    assert article.date == date(2021, 7, 30)
    assert kinds(article)[:2] == [
        ("date", "date 2021-07-30"),
        ("body", "Soldiers purportedly refused to advance, the agency said."),
    ]
    assert article.title is None


def test_caption_block_glued_above_credit_is_not_a_title():
    text = (
        "Ruined bridge\n"
        "A destroyed bridge near the river on May 2, 2023 MARIA ILYINA/AFP via Getty Images\n\n"
        "A soldier purportedly told his wife that the bridge was blown up by his own unit.\n"
    )
    article = read_text(text)
    assert article.title is None
    assert [s.kind for s in article.segments] == ["caption", "caption", "body"]


def test_fact_check_fields_and_transcript_labels_stay_body():
    text = (
        "Fact check: Did a leaked call show a general admitting losses?\n\n"
        "Posted 4 April 2024 | Checkpoint Desk\n\n"
        "CLAIM: A general admitted losing 500 men.\n\n"
        "OUR RATING: FALSE\n\n"
        "GENERAL: We lost five hundred.\nAIDE: Say nothing.\n\n"
        "VERDICT: The audio was edited.\n"
    )
    article = read_text(text)
    assert article.outlet == "Checkpoint Desk"
    assert article.date == date(2024, 4, 4)
    assert [s.kind for s in article.segments[2:]] == ["body"] * 5


def test_windows_newlines_and_bom_are_normalised():
    article = read_text("\ufeffHeadline about a leaked call\r\n\r\nBody sentence one.\r\n")
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.title == "Headline about a leaked call"


def test_date_never_comes_from_the_clock():
    article = read_text("A soldier said the unit retreated on March 3.\n")
    assert article.date is None


@pytest.mark.parametrize(
    "text", ["", "   \n\n  ", '"""', "«»“", "🙂🙂\n\n🙂", "Солдат сказал: «Мы уходим».\n"]
)
def test_odd_texts_never_raise(text):
    assert_well_formed(read_text(text))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_gives_valid_segments(text):
    assert_well_formed(read_text(text))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "KEY POINTS",
                "• a point",
                "By Ann Lee",
                "16:05 BST",
                "Photo: X/AFP",
                "",
                "Body text here.",
                "KYIV, May 1 (Wire) - Text",
                " date 2020-01-01 Text",
                "(Reporting by A; Editing by B)",
                "Caption",
            ]
        ),
        max_size=25,
    )
)
def test_layout_cue_soup_gives_valid_segments(lines):
    assert_well_formed(read_text("\n".join(lines)))


def test_single_newline_paragraphs_are_separate_blocks():
    text = (
        "Leaked call purportedly shows officers hiding losses\n"
        "By Isobel van Dijk On 10/17/22 at 6:11 AM EDT\n"
        "Ukraine's intelligence agency released a call in which a Russian officer purportedly tells "
        "a colleague to record dead soldiers as missing so that their families are not paid compensation.\n"
        "The agency did not say when the call was recorded, and the claims in it could not be verified "
        "independently by this outlet or by any other news organisation that reported on it.\n"
        "A soldier walks past a burned-out tank near the village. REUTERS/Gleb Garanich\n"
        "Update 10/18/22 9:00 a.m. ET: This article was updated with a comment from the ministry.\n"
    )
    article = read_text(text)
    assert article.title == "Leaked call purportedly shows officers hiding losses"
    assert article.authors == ["Isobel van Dijk"] and article.date == date(2022, 10, 17)
    assert [s.kind for s in article.segments] == ["title", "byline", "body", "body", "caption", "boilerplate"]


def test_credit_with_agency_first_and_photo_title_above_it():
    text = (
        "Body paragraph that opens the story about a released call.\n\n"
        "Trench line\n"
        "Soldiers in a trench near the front line. AP Photo/Iryna Koval\n\n"
        "Another body paragraph.\n"
    )
    article = read_text(text)
    assert [s.kind for s in article.segments] == ["body", "caption", "caption", "body"]


def test_header_glued_in_one_block_gives_title_standfirst_and_dates():
    article = read_fixture("glued_header.txt")
    assert article.title == "Leaked call suggests officers logged the dead as deserters"
    assert [s.kind for s in article.segments[:4]] == ["title", "standfirst", "date", "date"]
    assert article.date == date(2023, 3, 14)


def test_labelled_header_lines_and_interface_words():
    article = read_fixture("labelled_header.txt")
    assert article.title == "Ukraine war: Intercepted call 'shows soldiers selling fuel'"
    assert article.date == date(2024, 3, 3) and article.authors == ["Olga Ivanova"]
    assert [s.kind for s in article.segments] == [
        "title", "date", "date", "boilerplate", "credit", "caption", "byline", "body"
    ]  # fmt: skip


def test_author_label_and_reading_time():
    article = read_text(
        "Officer purportedly ordered deserters shot\nAuthor: Marta Fedorenko\n"
        "March 3, 2024 11:30 AM 2 min read\n\n"
        "Ukraine's military intelligence agency published an audio recording on March 3.\n"
    )
    assert article.authors == ["Marta Fedorenko"] and article.date == date(2024, 3, 3)
    assert [s.kind for s in article.segments] == ["title", "byline", "date", "body"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Troops dig trenches outside the village on May 2, 2023. Getty Images", "caption"),
        ("Troops dig trenches outside the village on May 2, 2023 Getty Images", "caption"),
        ("A soldier reads a letter in a dugout. Telegram/@frontline_notes", "caption"),
        ("Photo courtesy of the soldier's family", "credit"),
        ("The figures were first reported by Reuters", "heading"),  # short, unpunctuated: not a caption
        ("Image, the officer said, was everything to the brigade.", "body"),
    ],
)
def test_caption_and_credit_endings(line, kind):
    article = read_text(f"First paragraph of the story.\n\n{line}\n\nLast paragraph of the story.\n")
    assert article.segments[1].kind == kind


@pytest.mark.parametrize(
    ("opening", "dateline", "outlet"),
    [
        ("MARIUPOL, Ukraine, Feb 2 (Wirenet) - Men said", "MARIUPOL, Ukraine, Feb 2 (Wirenet) -", "Wirenet"),
        ("Kherson (Wirenet) - Soldiers said", "Kherson (Wirenet) -", "Wirenet"),
        ("(Wirenet) - Soldiers said", "(Wirenet) -", "Wirenet"),
        ("Kherson - Soldiers said", None, None),
    ],
)
def test_dateline_variants(opening, dateline, outlet):
    article = read_text(f"Headline about an intercepted call\n\n{opening} they were leaving.\n")
    assert [s.text for s in article.segments_of("dateline")] == ([dateline] if dateline else [])
    assert article.outlet == outlet


def test_caption_set_off_from_its_credit_by_a_blank_line():
    text = (
        "Drone crews train near the border\n\n"
        "By Ines Varga\n\n"
        "Volunteers said the new crews had finished their course on Monday.\n\n"
        "A drone operator checks his goggles at a field range in the Sumy region\n\n"
        "MARTA KOVAL/AFP via Getty Images\n\n"
        "The army did not respond to a request for comment.\n\n"
        "Getty Images\n"
    )
    article = read_text(text, document="loose.txt")
    kinds = {s.text: s.kind for s in article.segments}
    assert kinds["A drone operator checks his goggles at a field range in the Sumy region"] == "caption"
    assert kinds["MARTA KOVAL/AFP via Getty Images"] == "credit"
    # a sentence ending in a full stop is story text even when a stray credit follows it
    assert kinds["The army did not respond to a request for comment."] == "body"
    assert article.title == "Drone crews train near the border"


def test_broadcast_line_and_described_outlet_with_trailing_date():
    radio = read_text("Night shift at the border\n\nBroadcast: 3 May 2024\n\nOur reporter joined a crew.\n")
    assert radio.date == date(2024, 5, 3)
    digest = read_text(
        "What the forums said\n\nForum Review, our monthly look at veterans' boards, 9 June 2024\n\n"
        "The board's moderators said nothing.\n"
    )
    assert digest.date == date(2024, 6, 9)
    assert digest.outlet == "Forum Review"
    assert digest.title == "What the forums said"
