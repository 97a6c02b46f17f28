from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from specdoc._cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "specs"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example repository in specs/."""
    dest = tmp_path / "example"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture
def corpus() -> Path:
    """The real documents, when SPECDOC_CORPUS names them; else the test skips."""
    value = os.environ.get("SPECDOC_CORPUS")
    if not value:
        pytest.skip("SPECDOC_CORPUS is not set")
    path = Path(value)
    if not (path / "specs").is_dir():
        pytest.fail(f"SPECDOC_CORPUS={value} has no specs/ folder")
    return path


def run(*args: str) -> Result:
    """Invoke the CLI in-process; never let an exception escape unnoticed."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
