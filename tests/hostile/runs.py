"""Run the CLI as a user would, with a time limit (a hang is a finding) and its peak memory measured."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import purportedly
from tests.hostile.cli import CLI

# the child imports this very checkout, whatever its working directory (a relative PYTHONPATH would not)
SOURCE = str(Path(purportedly.__file__).resolve().parents[1])

HANG_SECONDS = 240  # no hostile case may take longer: past this the run counts as a hang


@dataclass
class Run:
    """One CLI run: exit status (None when it hung and was killed), output, peak RSS in MB."""

    returncode: int | None
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def crashed(self) -> bool:
        """A traceback, or a death by signal, is a crash; exit statuses 0, 1, 2 and 130 are answers."""
        answered = self.returncode is None or self.returncode in (0, 1, 2, 130)
        return "Traceback" in self.stderr or not answered

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]


def run_measured(
    *args: str,
    timeout: float = HANG_SECONDS,
    cwd: str | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    stdout_path: str | None = None,
    interrupt_when: Callable[[], bool] | None = None,
) -> Run:
    """Run the CLI with ``args``; kill it (and report a hang) after ``timeout`` seconds.

    Peak memory comes from wait4's rusage of that very child (ru_maxrss, KB on Linux).
    ``interrupt_when``: polled; once true, the run gets SIGINT (a user's Ctrl-C).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdout = open(stdout_path, "wb") if stdout_path else out  # noqa: SIM115 (closed below)
        started = time.monotonic()
        child_env = dict(env if env is not None else os.environ)
        child_env["PYTHONPATH"] = os.pathsep.join(
            [SOURCE, *filter(None, child_env.get("PYTHONPATH", "").split(os.pathsep))]
        )
        process = subprocess.Popen(
            [*CLI, *args], stdout=stdout, stderr=err, cwd=cwd, env=child_env, preexec_fn=preexec
        )
        status, usage, interrupted = None, None, False
        while time.monotonic() - started < timeout:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if interrupt_when is not None and not interrupted and interrupt_when():
                process.send_signal(signal.SIGINT)
                interrupted = True
            time.sleep(0.02)
        else:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            status = None
        process.returncode = 0  # reaped by wait4: keep Popen from waiting again
        if stdout is not out:
            stdout.close()
        out.seek(0)
        err.seek(0)
        code = None if status is None else os.waitstatus_to_exitcode(status)
        return Run(
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024 if usage else 0.0,
            time.monotonic() - started,
        )


def limit_file_size(size: int) -> Callable[[], None]:
    """A preexec function: files the child writes stop at ``size`` bytes (a disk that fills up);
    the write fails with EFBIG instead of the process being killed by SIGXFSZ."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply
