"""`purportedly analyze` with bad inputs: one error line per bad file, the good ones still analysed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from purportedly.cli import app


def test_analyze_reports_each_bad_file_and_still_analyses_the_good_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "Leaked call purportedly shows sailors refusing orders\n\n"
        "A sailor purportedly told his father that the crew would not sail, according to the agency.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(good), str(missing), str(empty), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {missing}: file not found", f"error: {empty}: empty file"]
    assert "Traceback" not in result.output
    written = json.loads((out / "good.txt.json").read_text(encoding="utf-8"))
    assert written["title"] == "Leaked call purportedly shows sailors refusing orders"
    assert sorted(p.name for p in out.iterdir()) == ["good.txt.json"]
