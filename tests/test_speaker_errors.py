"""scripts/speaker_errors.py: misses are counted by class, with whether gold's speaker was listed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
SCORER = SCRIPTS.parent.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def errors():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not here")
    sys.path.insert(0, str(SCRIPTS))
    try:
        import speaker_errors
    finally:
        sys.path.remove(str(SCRIPTS))
    return speaker_errors


def _quote(text: str, article: str, speaker: str | None, listed: list[str], **more) -> dict:
    start = article.index(text)
    candidates = [{"speaker": name, "confidence": 0.5, "rules": i == 0} for i, name in enumerate(listed)]
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker": speaker,
        "speaker_candidates": candidates,
        **more,
    }


def test_misses_are_counted_by_class_and_candidates(errors, tmp_path):
    article = (
        'Ferry vote delayed\n\n"We will not sign," said Ilse Varga.\n\n'
        'The board called the plan "a paper promise" on Tuesday, Ole Brand said.\n\n'
        'Varga left early. "He never reads the figures," she said.\n'
    )
    quotes = [
        _quote("We will not sign,", article, "Ilse Varga", ["Ilse Varga"], cue="said"),
        _quote("a paper promise", article, None, ["Ole Brand", "the board"]),
        _quote(
            "He never reads the figures,",
            article,
            "Ole Brand",
            ["Ole Brand"],
            cue="said",
            speaker_mention={"text": "she"},
        ),
    ]
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred" / "a.txt.json").write_text(
        json.dumps({"article": {"text": article}, "quotes": quotes})
    )
    gold = {"quotes": [{"text": q["text"], "speaker": ["Ilse Varga"]} for q in quotes]}
    gold["quotes"][1]["speaker"] = ["the board"]
    (tmp_path / "gold" / "a.txt.json").write_text(json.dumps(gold))
    scorer = errors.load_scorer(SCORER)
    outcomes, classes, candidates, listed = errors.breakdown(tmp_path / "pred", tmp_path / "gold", scorer)
    assert outcomes == {"right": 1, "abstain": 1, "wrong": 1}
    assert classes == {("abstain", "no_cue_same_paragraph"): 1, ("wrong", "pronoun_speaker"): 1}
    assert candidates == {("abstain", "listed", "rules wrong"): 1, ("wrong", "not listed", "rules wrong"): 1}
    # the one miss whose right speaker was listed: the board is named in the quote's own sentence
    assert listed == {("abstain", "same_sentence"): 1}
    # listed one by one, with a gold quote no predicted quote matched
    gold["quotes"].append({"text": "The vote is off until spring.", "speaker": ["Ole Brand"]})
    (tmp_path / "gold" / "a.txt.json").write_text(json.dumps(gold))
    misses: list[str] = []
    errors.breakdown(tmp_path / "pred", tmp_path / "gold", scorer, misses)
    outcomes_listed = sorted(line.split("\t")[1] for line in misses)
    assert outcomes_listed == ["abstain", "unmatched", "wrong"]
    assert all(line.startswith("a.txt\t") for line in misses)


def test_listed_misses_say_what_would_tell_the_speaker(errors, tmp_path):
    article = (
        'Dam talks\n\nMayor Tove Lind said the dam "will hold." "The river is low," she added.\n\n'
        'Lind has long promised "clean water" to the valley.\n'
    )
    quotes = [
        _quote("will hold.", article, "Tove Lind", ["Tove Lind"], cue="said"),
        # a run of quotes: the previous quote's speaker still speaks; the rules named someone else
        _quote("The river is low,", article, None, ["the valley", "Tove Lind"], cue="added"),
        # no cue, no mention, no rules' answer: the clause's subject owns the words
        {
            **_quote("clean water", article, None, ["Tove Lind"]),
            "speaker_candidates": [{"speaker": "Tove Lind", "confidence": 0.8, "rules": False}],
        },
    ]
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred" / "b.txt.json").write_text(
        json.dumps({"article": {"text": article}, "quotes": quotes})
    )
    gold = {"quotes": [{"text": q["text"], "speaker": ["Tove Lind"]} for q in quotes]}
    (tmp_path / "gold" / "b.txt.json").write_text(json.dumps(gold))
    _, _, _, listed = errors.breakdown(tmp_path / "pred", tmp_path / "gold", errors.load_scorer(SCORER))
    assert listed == {("abstain", "run_of_quotes"): 1, ("abstain", "rules_silent"): 1}
