"""No process of a run outlives it: the CLI's process group is empty a second after it exits, whether the run
conformed, found drift or was interrupted (Linux: reads /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process groups from /proc")

_RUN = [sys.executable, "-m", "paystack_contracts", "run", "--no-progress", "--workers", "3"]


def _live_members(group: int) -> list[int]:
    """Processes of the group that are not zombies (a zombie holds nothing; reaping it is its parent's job)."""
    members = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _start(tmp_path: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [*_RUN, "--report-dir", str(tmp_path), *options]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)


def _gone_a_second_after_exit(process: subprocess.Popen[bytes]) -> tuple[list[int], str]:
    """The group's live members a second after the CLI exited, and what the CLI wrote to stderr."""
    _, err = process.communicate(timeout=300)
    time.sleep(1)
    return _live_members(process.pid), err.decode()


@pytest.mark.parametrize(("options", "code"), [((), 0), (("--drift", "id-as-string"), 1)], ids=["conforms", "drift"])
def test_a_finished_run_leaves_no_process_behind(tmp_path: Path, options: tuple[str, ...], code: int) -> None:
    process = _start(tmp_path, "--max-examples", "2", *options)
    assert _gone_a_second_after_exit(process) == ([], "")
    assert process.returncode == code


def test_an_interrupted_run_leaves_no_process_behind(tmp_path: Path) -> None:
    process = _start(tmp_path, "--max-examples", "200")
    deadline = time.monotonic() + 120
    running = 3  # the CLI and its two workers (--workers 3 counts the CLI; forked: the CLI runs one thread)
    while len(_live_members(process.pid)) < running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_live_members(process.pid)) >= running, "the workers never started"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group gets it
    alive, err = _gone_a_second_after_exit(process)
    assert alive == []
    assert err.startswith("interrupted: partial reports in ")
    assert err.count("\n") == 1
    assert process.returncode == 130
