"""Golden files: for each case, an input folder, a command, and what must result.

tests/golden/<case>/
    command      the arguments, one line, run with -C on a copy of input/
    input/       the files the command starts from
    expected/    every file of the folder afterwards, byte for byte
    stdout       what the command prints ({dir} stands for the copy's path)
    exit_code    the expected exit code (0 when absent)

Set SPECDOC_UPDATE_GOLDEN=1 to rewrite expected/ and stdout from a run; review
the diff before committing it.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from specdoc._cli import cli

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "command").is_file())


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path) -> None:
    folder = GOLDEN / case
    work = tmp_path / "repo"
    shutil.copytree(folder / "input", work)
    args = shlex.split((folder / "command").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["-C", str(work), *args], catch_exceptions=False)
    stdout = result.stdout.replace(str(work), "{dir}")
    expected_code = folder / "exit_code"
    if os.environ.get("SPECDOC_UPDATE_GOLDEN"):
        shutil.rmtree(folder / "expected", ignore_errors=True)
        shutil.copytree(work, folder / "expected")
        (folder / "stdout").write_text(stdout, encoding="utf-8")
        if result.exit_code:
            expected_code.write_text(f"{result.exit_code}\n", encoding="utf-8")
    code = int(expected_code.read_text()) if expected_code.exists() else 0
    assert result.exit_code == code, result.output
    assert stdout == (folder / "stdout").read_text(encoding="utf-8")
    assert snapshot(work) == snapshot(folder / "expected")
