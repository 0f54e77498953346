"""The reader alone against gold title/date/key_points/captions of the seeds and the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from purportedly.model import Article
from purportedly.reading import read_inputs
from tests.conftest import DEV_ARTICLES, DEV_GOLD, SEED_GOLD, SEEDS, needs_shared


def layout_fields(article: Article) -> dict:
    return {
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "key_points": [s.text for s in article.segments_of("key_point")],
        "captions": [s.text for s in article.segments_of("caption", "credit")],
    }


def cases() -> list[tuple[Path, Path]]:
    pairs = [(p, SEED_GOLD / f"{p.name}.json") for p in sorted(SEEDS.glob("*.txt"))]
    return pairs + [(p, DEV_GOLD / f"{p.name}.json") for p in sorted(DEV_ARTICLES.glob("*.txt"))]


@needs_shared
@pytest.mark.parametrize(("article_path", "gold_path"), cases(), ids=lambda p: p.name)
def test_reader_matches_gold_layout(article_path, gold_path):
    (article,) = read_inputs([str(article_path)])
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    expected = {
        key: gold.get(key) or ([] if key in ("key_points", "captions") else None)
        for key in layout_fields(article)
    }
    assert layout_fields(article) == expected
