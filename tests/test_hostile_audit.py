"""The second hostile audit (issue 16), case by case: real CLI processes, real signals, real files.

Each case (tests/hostile/cases.py) runs the CLI as a user would, with a time limit (a hang fails)
and its peak memory measured, and counts every broken promise: crashes, hangs, rows or files
lost, files overwritten unasked, unclear errors. ``python -m tests.hostile`` prints the same counts.
"""

from __future__ import annotations

import pytest

from tests.hostile.cases import CASES, Finding

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def audit_root(tmp_path_factory):
    return tmp_path_factory.mktemp("audit")


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_hostile_case_keeps_its_promises(case, audit_root):
    directory = audit_root / case.__name__
    directory.mkdir()
    finding: Finding = case(directory)
    assert finding.runs, "the case ran nothing"
    report = (
        f"{finding.name}: crashes {finding.crashes}, hangs {finding.hangs}, lost {finding.lost}, "
        f"overwritten {finding.overwritten}\n" + "\n".join(finding.problems)
    )
    assert finding.ok, report
