"""Streaming end to end: inputs are pulled lazily and results come out before the input ends."""

from __future__ import annotations

from collections.abc import Iterator

import purportedly.analysis as analysis
from purportedly.analysis import analyze_inputs, analyze_stream
from purportedly.model import Article
from purportedly.reading import read_text


class CountingArticles:
    """A generator of fictional articles that records how many were pulled so far."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.pulled = 0

    def __iter__(self) -> Iterator[Article]:
        for index in range(self.total):
            self.pulled += 1
            text = f'"Convoy {index} is late," the dispatcher said. {index + 2} trucks were hit near Orlivka.'
            yield read_text(text, document=f"report-{index}")


def test_analyze_stream_pulls_only_what_the_current_batch_needs():
    source = CountingArticles(total=200)
    results = analyze_stream(iter(source), batch_size=4)
    first = next(results)
    assert first.document == "report-0"
    # one batch (plus at most one look-ahead) has been read, not the 200 articles
    assert source.pulled <= 5
    remaining = sum(1 for _ in results)
    assert remaining == 199 and source.pulled == 200


def test_analyze_inputs_reads_lazily_and_yields_as_batches_finish(monkeypatch):
    source = CountingArticles(total=100)
    monkeypatch.setattr(analysis, "read_inputs", lambda paths, **limits: iter(source))
    results = analyze_inputs(["corpus.jsonl"], batch_size=8)
    seen = [next(results).document for _ in range(8)]
    assert seen == [f"report-{i}" for i in range(8)]
    assert source.pulled <= 9  # the rest of the corpus has not been read yet
    assert sum(1 for _ in results) == 92


def test_an_infinite_stream_can_be_consumed_piecewise():
    def endless() -> Iterator[Article]:
        index = 0
        while True:
            yield read_text(f"Report {index}: the bridge at Stepne was shelled again.", document=str(index))
            index += 1

    results = analyze_stream(endless(), batch_size=16)
    assert [next(results).document for _ in range(20)] == [str(i) for i in range(20)]


def test_cli_writes_each_json_before_reading_the_whole_input(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from purportedly.cli import app

    source = CountingArticles(total=12)
    monkeypatch.setattr(analysis, "read_inputs", lambda paths, **limits: iter(source))
    pulled_at_write: list[int] = []
    real_write = analysis.write_json

    def recording_write(result, out_dir, **options):
        pulled_at_write.append(source.pulled)
        return real_write(result, out_dir, **options)

    monkeypatch.setattr("purportedly.cli.analyze.write_json", recording_write)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", "corpus.jsonl", "--out", str(out), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.json"))) == 12
    # the first file is on disk while most of the input is still unread
    assert pulled_at_write[0] <= 3
    assert pulled_at_write == sorted(pulled_at_write)
