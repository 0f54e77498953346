"""Helpers for the provenance tests: load hand gold, run the pipeline, compare names and chains."""

from __future__ import annotations

import json
import re
from pathlib import Path

from purportedly.analysis import analyze_article
from purportedly.model import Analysis, Claim
from purportedly.reading import read_text

PROVENANCE = Path(__file__).resolve().parent / "articles" / "provenance"
ARTICLES = sorted(p.stem for p in PROVENANCE.glob("*.txt"))


def key(name: str) -> str:
    """Case, apostrophe, possessive and leading-article insensitive form of a name."""
    name = re.sub(r"['’]s\b", "", name.lower())
    words = re.findall(r"\w+", name)
    return " ".join(words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words)


def load(stem: str, nlp) -> tuple[Analysis, dict]:
    text = (PROVENANCE / f"{stem}.txt").read_text(encoding="utf-8")
    gold = json.loads((PROVENANCE / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return analyze_article(read_text(text, document=f"{stem}.txt"), nlp), gold


def names_match(predicted: str, gold: dict) -> bool:
    return key(predicted) in {key(gold["name"]), *(key(a) for a in gold.get("aliases", []))}


def find_claim(analysis: Analysis, text: str) -> Claim | None:
    """The claim whose text holds ``text`` (or is held by it), shortest first."""
    wanted = key(text)
    found = [c for c in analysis.claims if wanted in key(c.text) or (key(c.text) and key(c.text) in wanted)]
    return min(found, key=lambda c: len(c.text)) if found else None


def chain_pairs(claim: Claim) -> list[tuple[str, str]]:
    """(name, role) of each link but the final article link."""
    assert claim.chain and claim.chain[-1].role == "article", claim.chain
    return [(link.name, link.role) for link in claim.chain[:-1]]


def link_matches(predicted: tuple[str, str], gold: list[str], aliases: dict[str, set[str]]) -> bool:
    name, role = predicted
    gold_name, gold_role = gold
    accepted = aliases.get(key(gold_name), {key(gold_name)})
    # a recording is named by how the text describes it: 'intercepted call' ~ 'another intercepted call'
    if gold_role == "recording":
        return role == "recording" and key(gold_name) in key(name)
    return role == gold_role and (key(name) in accepted or any(a in key(name) for a in accepted))


def alias_sets(gold: dict) -> dict[str, set[str]]:
    return {
        key(s["name"]): {key(s["name"]), *(key(a) for a in s.get("aliases", []))} for s in gold["sources"]
    }
