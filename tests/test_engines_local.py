"""The process-pool engine and batching give the same results, in input order, as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from purportedly.analysis import analyze_inputs, analyze_stream
from purportedly.model import Article
from purportedly.reading import ReadFailure, read_text

# Fictional reports in different layouts and quote styles; shared by the engine tests.
ARTICLES = {
    "wire.txt": (
        "Drone strike hits depot near Tsvitkove\n\n"
        "ZORIVKA, May 4 (Meridian) - A recording released by the State Security Bureau purportedly "
        "captures a soldier telling his mother that 14 men from his company were killed. "
        '"We are out of shells and nobody answers the radio," the soldier said. '
        "The call could not be independently verified.\n\n"
        "(Reporting by Oksana Hrytsenko; Editing by Tom Marsh)\n"
    ),
    "blog.txt": (
        "Live: shelling around Pidlisne\n\n"
        "Updated Thursday 9 March 2023\n\n"
        "09:15 GMT\n\n"
        "Regional officials said at least 6 civilians were wounded overnight.\n\n"
        "10:40 GMT\n\n"
        "\u201cThe bridge is gone,\u201d a volunteer told the Eastern Courier, adding that about 200 people "
        "were still waiting to leave.\n"
    ),
    "interview.txt": (
        "'They send us forward like cattle'\n\n"
        "Interview by Lena Voss\n\n"
        "Q: When were you mobilised?\n\n"
        "A: In October. Half of my unit has been wounded since then, I think.\n\n"
        "Q: Did the commanders know?\n\n"
        "A: They reportedly knew everything and said nothing.\n"
    ),
    "bare.txt": (
        "According to the ministry, 3 border guards were captured near Krasnyi Brid on Sunday. "
        "Myroslav Danylenko, a spokesman, denied the claim.\n"
        "\u00abNobody was captured,\u00bb he insisted, calling the video a fabrication.\n"
    ),
    "empty.txt": "",
    "cyrillic.txt": (
        "\u0417\u0430\u044f\u0432\u0430 \u0428\u0442\u0430\u0431\u0443. "
        '"Unbalanced quote and emoji \U0001f525 said nobody.\n'
    ),
}


def write_articles(directory: Path) -> list[str]:
    """The test articles as files, with an unreadable input in the middle."""
    paths = []
    for name, text in ARTICLES.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    paths.insert(2, str(directory / "does-not-exist.txt"))
    return paths


def as_comparable(results: list) -> list[str]:
    return [f"failure:{r.document}" if isinstance(r, ReadFailure) else r.to_json() for r in results]


def test_results_do_not_depend_on_batch_size(tmp_path):
    paths = write_articles(tmp_path)
    one_by_one = as_comparable(analyze_inputs(paths, batch_size=1))
    batched = as_comparable(analyze_inputs(paths, batch_size=4))
    assert batched == one_by_one
    assert one_by_one[2] == f"failure:{paths[2]}"  # the failure keeps its place
    assert len(one_by_one) == len(paths)


def test_process_pool_matches_single_process(tmp_path):
    paths = write_articles(tmp_path)
    single = as_comparable(analyze_inputs(paths, batch_size=2))
    pooled = as_comparable(analyze_inputs(paths, batch_size=2, n_process=2))
    assert pooled == single


def test_analyze_stream_in_processes_keeps_order():
    articles = [read_text(text, document=name) for name, text in ARTICLES.items()]
    results = list(analyze_stream(articles, batch_size=1, n_process=2))
    assert [r.document for r in results] == list(ARTICLES)
    assert all(r.article.text == a.text for r, a in zip(results, articles, strict=True))


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_failures_before_between_and_after_articles_keep_their_places(batch_size):
    from purportedly.engines.local import analyze_items
    from purportedly.nlp.pipeline import load_pipeline

    items: list[Article | ReadFailure] = [
        ReadFailure("first", "unreadable"),
        read_text('"Hold the line," the sergeant said.', document="a"),
        ReadFailure("middle", "unreadable"),
        ReadFailure("middle-2", "unreadable"),
        read_text("Nothing happened.", document="b"),
        ReadFailure("last", "unreadable"),
    ]
    results = list(analyze_items(items, load_pipeline(), batch_size=batch_size))
    assert [r.document for r in results] == ["first", "a", "middle", "middle-2", "b", "last"]
    assert [isinstance(r, ReadFailure) for r in results] == [True, False, True, True, False, True]
