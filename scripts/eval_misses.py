"""List what the analyzer missed or added against gold, item by item, using score.py's matching.

Usage: python3 scripts/eval_misses.py GOLD_DIR PRED_DIR [SECTION ...]
score.py says how well; this says where, so a developer can find failure categories
(and then write their own test articles for them instead of tuning to the scored set).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
SECTIONS = {"sources": "name", "entities": "name", "hedges": "cue", "counts": "number"}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def show(item: dict) -> str:
    keep = ("text", "speaker", "name", "cue", "number", "what", "event", "value", "sentence")
    return " | ".join(f"{k}={str(item[k])[:90]}" for k in keep if item.get(k) not in (None, ""))


def quote_misses(score, gold: dict, pred: dict) -> list[str]:
    p, g = score.items(pred, "quotes", "text"), score.items(gold, "quotes", "text")
    pairs = score.greedy_match(p, g, score.text_score(0.6, "text"))
    lines = [f"  quote missed: {show(g[j])}" for j in set(range(len(g))) - {j for _, j in pairs}]
    lines += [f"  quote extra:  {show(p[i])}" for i in set(range(len(p))) - {i for i, _ in pairs}]
    for i, j in pairs:
        accepted = g[j].get("speaker") or []
        accepted = [accepted] if isinstance(accepted, str) else accepted
        keys = [score.speaker_key(s) for s in accepted]
        predicted = score.speaker_key(p[i].get("speaker"))
        if any(keys) and not any(score.related(predicted, k) for k in keys):
            lines.append(f"  speaker: {p[i].get('speaker')!r} should be {accepted} "
                         f"for «{str(g[j]['text'])[:60]}»")
    return lines


def section_misses(score, gold: dict, pred: dict, section: str) -> list[str]:
    key = SECTIONS[section]
    scorer = {"sources": score.name_score, "entities": score.name_score,
              "hedges": score.hedge_score, "counts": score.count_score}[section]
    p, g = score.items(pred, section, key), score.items(gold, section, key)
    pairs = score.greedy_match(p, g, scorer)
    lines = [f"  {section} missed: {show(g[j])}" for j in set(range(len(g))) - {j for _, j in pairs}]
    lines += [f"  {section} extra:  {show(p[i])}" for i in set(range(len(p))) - {i for i, _ in pairs}]
    return lines


def time_misses(score, gold: dict, pred: dict) -> list[str]:
    p, g = score.items(pred, "times", "text"), score.items(gold, "times", "text")
    pairs = score.greedy_match(p, g, score.time_score)
    lines = [f"  time missed: {show(g[j])}" for j in set(range(len(g))) - {j for _, j in pairs}]
    lines += [f"  time extra:  {show(p[i])}" for i in set(range(len(p))) - {i for i, _ in pairs}]
    lines += [f"  time value: {p[i].get('text')!r} = {p[i].get('value')} should be {g[j].get('value')}"
              for i, j in pairs
              if score.normalise(p[i].get("value")) != score.normalise(g[j].get("value"))]
    return lines


def main(argv: list[str]) -> None:
    gold_dir, pred_dir, *wanted = argv
    wanted = wanted or ["quotes", *SECTIONS, "times"]
    score = load_scorer()
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = score.load_json(gold_path)
        pred_path = Path(pred_dir) / (gold.get("document", gold_path.stem) + ".json")
        pred = score.load_json(pred_path) if pred_path.exists() else {}
        lines: list[str] = []
        for section in wanted:
            if section == "quotes":
                lines += quote_misses(score, gold, pred)
            elif section == "times":
                lines += time_misses(score, gold, pred)
            else:
                lines += section_misses(score, gold, pred, section)
        if lines:
            print(f"== {gold_path.name}")
            print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
