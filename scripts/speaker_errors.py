"""Speaker errors by class: where the decision abstains or names the wrong person, and why.

    python scripts/speaker_errors.py PRED GOLD

PRED is the analyser's JSON output for a set (``purportedly analyze ARTICLES --format json --out
PRED``), GOLD its gold directory; quotes and speakers are matched as ../shared/eval/score.py
matches them. Every matched quote whose gold names a speaker is right, abstained (no speaker) or
wrong; the others fall into one class, the first that fits: nested (a quote inside a quote),
according_to ("according to" within 200 characters), pronoun_speaker (the rules' mention is a
pronoun), speaker_other_paragraph (gold's speaker is not named in the quote's paragraph),
no_cue_same_paragraph and cue_same_paragraph. For each, whether gold's speaker is among the
candidates the decision lists (top three and the rules' answer) and whether the rules had it.
Meant for PolNeAR train (analyse there, measure on dev).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from train_speakers import ROOT, load_scorer

PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "you", "who", "us", "me"}


def error_class(text: str, quote: dict, gold_speaker: str) -> str:
    para_start = text.rfind("\n\n", 0, quote["start"])
    para_end = text.find("\n\n", quote["end"])
    paragraph = text[max(para_start, 0) : len(text) if para_end < 0 else para_end]
    mention = ((quote.get("speaker_mention") or {}).get("text") or "").lower()
    if quote.get("nested_in"):
        return "nested"
    if "according to" in text[max(0, quote["start"] - 200) : quote["end"] + 200].lower():
        return "according_to"
    if mention in PRONOUNS:
        return "pronoun_speaker"
    if gold_speaker.split()[-1] not in paragraph:
        return "speaker_other_paragraph"
    return "cue_same_paragraph" if quote.get("cue") else "no_cue_same_paragraph"


SAID = re.compile(r"\b(said|says|say|told|tells|added|adds|wrote|writes|asked|asks|stated|explained)\b")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence bounds (the scorer's view has no parse): from the last full stop before
    ``start`` to the first after ``end``."""
    stops = [text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n")]
    after = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i >= 0]
    return max(stops) + 1, min(after, default=len(text))


def listed_class(text: str, quote: dict, previous: dict | None, right) -> str:
    """What would tell the right speaker of a miss whose right speaker was listed, the first that
    fits: the rules found no attribution at all (rules_silent: the subject of the clause holding
    the quote, a scare quote's owner); the previous quote's speaker in a run of quotes
    (run_of_quotes); the rules had it and the model was unsure (rules_right_unsure); a pronoun's
    antecedent (pronoun_antecedent); a paragraph-opening quote whose speaker is named with a
    speech verb in the next sentence (named_next_sentence); a cue whose subject is someone else
    (cue_other_person); the right name in the quote's sentence (same_sentence); other."""
    listed = quote.get("speaker_candidates") or []
    mention = ((quote.get("speaker_mention") or {}).get("text") or "").lower()
    rules = [c for c in listed if c.get("rules")]
    name = next(c["speaker"] for c in listed if right(c["speaker"]))
    last = name.split()[-1] if name.split() else name
    if not rules and not quote.get("cue") and not mention:
        return "rules_silent"
    # in the same paragraph or the next one (paragraphs are split by one or two newlines)
    if (
        previous is not None
        and right(previous.get("speaker"))
        and text[previous["end"] : quote["start"]].count("\n") <= 2
    ):
        return "run_of_quotes"
    if any(right(c["speaker"]) for c in rules):
        return "rules_right_unsure"
    if mention in PRONOUNS:
        return "pronoun_antecedent"
    paragraph_start = text.rfind("\n", 0, quote["start"]) + 1
    _start, end = _sentence_around(text, quote["start"], quote["end"])
    following = text[end : _sentence_around(text, end + 2, end + 2)[1]]
    if (
        not text[paragraph_start : quote["start"]].strip(" \"'“”‘’")
        and last in following
        and SAID.search(following)
    ):
        return "named_next_sentence"
    low, high = _sentence_around(text, quote["start"], quote["end"])
    if quote.get("cue") and rules:
        return "cue_other_person" if last in text[low:high] else "cue_rules_wrong"
    return "same_sentence" if last in text[low:high] else "other"


def breakdown(
    pred: Path, gold: Path, scorer, misses: list[str] | None = None
) -> tuple[Counter, Counter, Counter, Counter]:
    """Counts by outcome and class; ``misses`` (if given) gets one line per miss, and per gold quote
    with a speaker that no predicted quote matched (outcome 'unmatched'), for reading a small set."""
    outcomes, classes, candidates, listed_classes = Counter(), Counter(), Counter(), Counter()
    for path in sorted(pred.glob("*.json")):
        if not (gold / path.name).exists():
            continue
        prediction = json.loads(path.read_text(encoding="utf-8"))
        golds = json.loads((gold / path.name).read_text(encoding="utf-8")).get("quotes") or []
        quotes, text = prediction["quotes"], prediction["article"]["text"]
        ordered = sorted(
            (q for q in quotes if not q.get("nested_in") and q.get("kind") != "indirect"),
            key=lambda q: q["start"],
        )
        before = {id(q): ordered[k - 1] if k else None for k, q in enumerate(ordered)}
        pairs = scorer.greedy_match(quotes, golds, scorer.text_score(0.6, "text"))
        if misses is not None:
            matched = {j for _i, j in pairs}
            misses.extend(
                f"{path.stem}\tunmatched\t-\t{g.get('speaker')}\t-\t{(g.get('text') or '')[:60]!r}"
                for j, g in enumerate(golds)
                if j not in matched and g.get("speaker")
            )
        for i, j in pairs:
            given = golds[j].get("speaker") or []
            given = [given] if isinstance(given, str) else given
            accepted = [scorer.speaker_key(s) for s in given]
            if not any(accepted):
                continue

            def right(name: str | None, accepted=accepted) -> bool:
                key = scorer.speaker_key(name)
                return bool(key) and any(scorer.related(key, a) for a in accepted)

            quote = quotes[i]
            outcome = (
                "right" if right(quote.get("speaker")) else "wrong" if quote.get("speaker") else "abstain"
            )
            outcomes[outcome] += 1
            if outcome == "right":
                continue
            listed = quote.get("speaker_candidates") or []
            kind = error_class(text, quote, given[0])
            classes[(outcome, kind)] += 1
            if misses is not None:
                shown = [(c["speaker"], c.get("confidence")) for c in listed]
                misses.append(
                    f"{path.stem}\t{outcome}\t{kind}\t{given[0]}\t{quote.get('speaker')}"
                    f" ({quote.get('speaker_confidence')}) {shown}\t{quote['text'][:60]!r}"
                )
            if any(right(c["speaker"]) for c in listed):
                listed_classes[(outcome, listed_class(text, quote, before.get(id(quote)), right))] += 1
            candidates[
                (
                    outcome,
                    "listed" if any(right(c["speaker"]) for c in listed) else "not listed",
                    "rules right"
                    if any(right(c["speaker"]) for c in listed if c.get("rules"))
                    else "rules wrong",
                )
            ] += 1
    return outcomes, classes, candidates, listed_classes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pred")
    parser.add_argument("gold")
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    parser.add_argument(
        "--list", action="store_true", help="one line per miss (document, outcome, class, gold, ours)"
    )
    args = parser.parse_args(argv)
    misses: list[str] | None = [] if args.list else None
    outcomes, classes, candidates, listed_classes = breakdown(
        Path(args.pred), Path(args.gold), load_scorer(Path(args.scorer)), misses
    )
    for line in misses or []:
        print(line)
    print("quotes with a gold speaker:", dict(outcomes))
    for (outcome, name), n in classes.most_common():
        print(f"  {outcome:<8} {name:<26} {n:>5}")
    print("gold speaker among the listed candidates / the rules' answer:")
    for key, n in candidates.most_common():
        print(f"  {' / '.join(key):<40} {n:>5}")
    print("misses whose right speaker was listed, by what would tell it:")
    for (outcome, name), n in listed_classes.most_common():
        print(f"  {outcome:<8} {name:<26} {n:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
