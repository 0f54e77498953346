"""Run the `purportedly` command line in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-c", "from purportedly.cli import main; main()"]


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


def popen_cli(*args: str, log: Path) -> subprocess.Popen[bytes]:
    """Start the CLI in the background; its output goes to ``log`` (a pipe could fill and block it)."""
    with log.open("wb") as handle:
        return subprocess.Popen([*CLI, *args], stdout=handle, stderr=subprocess.STDOUT)
