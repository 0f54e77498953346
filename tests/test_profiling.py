"""Per-stage timing: every stage is reported, each stage's own time excludes the stages before it."""

from __future__ import annotations

import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from purportedly.analysis import analyze_stream
from purportedly.cli import app
from purportedly.nlp.pipeline import load_pipeline
from purportedly.profiling import BUILDING, CLAIMS, READING, TOKENIZER, profile_pipeline, stage
from purportedly.reading import read_text

SLEEP = 0.01


@Language.component("test_profiling_slow")
def slow_component(doc: Doc) -> Doc:
    time.sleep(SLEEP)
    return doc


@Language.component("test_profiling_fast")
def fast_component(doc: Doc) -> Doc:
    return doc


def test_each_stage_gets_its_own_time_not_its_predecessors():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_profiling_slow")
    nlp.add_pipe("test_profiling_fast")
    with profile_pipeline(nlp) as profile:
        docs = list(nlp.pipe((f"Report number {i}." for i in range(10)), batch_size=3))
    assert len(docs) == 10
    slow, fast = profile.stages["test_profiling_slow"], profile.stages["test_profiling_fast"]
    assert slow.docs == fast.docs == 10
    assert slow.seconds >= 10 * SLEEP
    # the fast stage pulls its docs through the slow one; that time must not count as its own
    assert fast.seconds < 2 * SLEEP
    assert profile.stages[TOKENIZER].docs == 10


def test_components_are_restored_and_nothing_is_timed_outside_the_block():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_profiling_fast")
    original = nlp.get_pipe("test_profiling_fast")
    tokenizer = nlp.tokenizer
    with profile_pipeline(nlp) as profile:
        nlp("Inside the block.")
    assert nlp.get_pipe("test_profiling_fast") is original and nlp.tokenizer is tokenizer
    before = profile.as_dict()
    nlp("Outside the block.")
    with stage(CLAIMS):
        pass
    assert profile.as_dict() == before


def test_analysis_run_reports_model_components_and_purportedly_stages():
    nlp = load_pipeline()
    texts = [f'"Column {i} is stuck at the ford," a driver said.' for i in range(4)]
    articles = [read_text(text, document=str(i)) for i, text in enumerate(texts)]
    with profile_pipeline(nlp) as profile:
        results = list(analyze_stream(articles, nlp=nlp, batch_size=2))
    assert len(results) == 4
    for name in (TOKENIZER, *nlp.pipe_names, CLAIMS, BUILDING):
        assert profile.stages[name].docs == 4, name
    assert 0 < profile.measured <= profile.wall * 1.05


def test_cli_profile_prints_a_table_of_stages(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text('Officials said 4 drones were downed. "It was loud," a resident said.\n', "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--format", "json", "--profile"])
    assert result.exit_code == 0, result.output
    assert '"document"' in result.stdout  # the JSON is untouched on stdout
    for name in (READING, TOKENIZER, "parser", "ner", CLAIMS, BUILDING):
        assert name in result.stderr, name
    assert "time per stage" in result.stderr


def test_cli_without_profile_prints_no_table(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Officials said 4 drones were downed.\n", "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "time per stage" not in result.stderr


def test_stage_times_from_worker_processes_are_merged(tmp_path):
    from purportedly.analysis import analyze_inputs

    paths = []
    for index in range(4):
        path = tmp_path / f"report-{index}.txt"
        path.write_text(f"Officials said {index + 2} shells hit the depot at Sokolyne on Friday.\n", "utf-8")
        paths.append(str(path))
    nlp = load_pipeline()
    with profile_pipeline(nlp) as profile:
        results = list(analyze_inputs(paths, batch_size=1, n_process=2))
    assert len(results) == 4
    # the model's components ran in the workers; their times come back with the batches
    assert profile.stages["ner"].docs == 4 and profile.stages["ner"].seconds > 0
    assert profile.stages[BUILDING].docs == 4
