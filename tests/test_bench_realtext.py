"""The real-text benchmark's file rotation: N distinct files from K articles, every article's
first block kept and all of its paragraphs present (texts of our own, written for this test)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_realtext import rotated, write_files  # noqa: E402

ARTICLE = (
    "Ferry service halted at Lake Varn\n\n"
    "The ferry operator said on Tuesday that crossings would stop.\n\n"
    '"We have no fuel left," a captain told the local radio.\n\n'
    "Officials could not be reached for comment."
)


def test_rotation_keeps_the_headline_and_every_paragraph():
    turned = rotated(ARTICLE, 1)
    blocks = turned.strip().split("\n\n")
    assert blocks[0] == "Ferry service halted at Lake Varn"
    assert blocks[1].startswith('"We have no fuel left,"')
    assert sorted(blocks) == sorted(ARTICLE.split("\n\n"))
    assert rotated(ARTICLE, 3).strip() == ARTICLE  # three body paragraphs: a full turn


def test_files_cycle_through_the_articles_as_distinct_texts(tmp_path):
    other = "Bridge reopened in Osterby\n\nEngineers said the repair took four days."
    paths = write_files([("a", ARTICLE), ("b", other)], 5, tmp_path / "articles")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    assert len(paths) == 5 and [path.name for path in paths][:2] == ["00000_a.txt", "00001_b.txt"]
    assert texts[0] != texts[2] and texts[0].split("\n\n")[0] == texts[2].split("\n\n")[0]
    assert texts[1] == texts[3]  # one body paragraph: rotating it changes nothing
