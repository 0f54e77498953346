"""Property tests: the analyzer never raises on arbitrary text, and every offset it returns is true."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from purportedly.analysis import analysis_from_doc, analyze_article
from purportedly.engines.local import analyze_items
from purportedly.model import Analysis, Article
from purportedly.nlp.extensions import get_list
from purportedly.reading import read_text
from tests.hostile.offsets import offset_problems

# Pieces of the genre and of hostile input, shuffled together by hypothesis.
FRAGMENTS = [
    '"',
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "«",
    "»",
    "„",
    "'",
    "\n",
    "\n\n",
    "\r\n",
    "• ",
    "- ",
    "KEY POINTS\n",
    "date 2022-01-01",
    "on 24 February",
    "last week",
    "Q:",
    "A:",
    "SOLDIER:",
    "WIFE:",
    "said",
    "told reporters",
    "according to",
    "purportedly",
    "allegedly",
    "the SBU",
    "the ministry",
    "a soldier",
    "he",
    "she",
    "Kyiv",
    "Kherson",
    "Donetsk region",
    "12",
    "at least 40",
    "1,500",
    "killed",
    "wounded",
    "mobilised",
    "Wagner",
    "the 92nd brigade",
    "intercepted call",
    "Telegram",
    "солдат сказав",
    "Мы уходим",
    "Київ",
    "🚀",
    "🔥",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\t",
    ":",
    ";",
    ",",
    ".",
    "(",
    ")",
    "—",
    "...",
    "?",
    "!",
]
SEPARATORS = st.sampled_from(["", " ", " ", "\n", ", "])
PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
TEXTS = st.lists(st.tuples(PIECE, SEPARATORS), max_size=50).map(
    lambda parts: "".join(p + s for p, s in parts)
)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY_SETTINGS
@given(TEXTS)
def test_analyzer_never_raises_and_every_offset_points_at_its_text(nlp, text):
    result = analyze_article(read_text(text, document="random.txt"), nlp)
    assert isinstance(result, Analysis)
    assert offset_problems(result) == []


@PROPERTY_SETTINGS
@given(TEXTS)
def test_components_work_on_a_plain_doc_without_an_article(nlp, text):
    doc = nlp(text)  # no doc._.article: everything is body
    for name in ("quotes", "indirect_quotes", "hedges", "counts", "times", "places", "glossary"):
        for item in get_list(doc, name):
            assert 0 <= item.start <= item.end <= len(text), (name, item)
    for quote in get_list(doc, "quotes"):
        assert text[quote.start : quote.end] == quote.text
    doc._.article = Article(document="plain.txt", text=text)  # then the Analysis built from it
    assert offset_problems(analysis_from_doc(doc)) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, max_size=12), st.integers(min_value=1, max_value=5))
def test_a_stream_gives_one_result_per_article_in_order(nlp, texts, batch_size):
    articles = [read_text(text, document=f"doc-{i}") for i, text in enumerate(texts)]
    results = list(analyze_items(articles, nlp, batch_size))
    assert [r.document for r in results] == [a.document for a in articles]
    assert all(isinstance(r, Analysis) for r in results)
