"""``purportedly ingest`` prints file names as text (never as Rich markup)."""

from __future__ import annotations

from typer.testing import CliRunner

from purportedly.cli import app


def test_ingest_prints_a_name_that_looks_like_markup_as_it_is(tmp_path) -> None:
    (tmp_path / "notes [").mkdir()
    odd = tmp_path / "notes [" / "] draft.txt"  # the path reads 'notes [/] draft.txt': Rich's closing tag
    odd.write_text('"We hold the bridge," the commander of the Zorivka garrison said.\n', encoding="utf-8")
    missing = tmp_path / "gone [bold].txt"
    db = tmp_path / "notes [" / "] corpus.db"
    result = CliRunner().invoke(app, ["ingest", str(odd), str(missing), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the missing file failed; the run went on
    output = "".join(result.output.split())  # the console wraps long lines
    assert "stored1,skipped0,failed1" in output
    assert "".join(str(db).split()) in output  # the store's name printed as given, brackets and all
    assert "gone[bold].txt" in output
