"""Run the `purportedly` command line in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys

CLI = [sys.executable, "-c", "from purportedly.cli import main; main()"]


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


def popen_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
