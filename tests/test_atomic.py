"""Writes are atomic, all or none, and refuse to lose a concurrent update."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from specdoc import SpecdocError, _atomic
from specdoc._atomic import write_files


def test_two_files_commit_together(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.yaml"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    write_files({a: b"new a", b: b"new b"}, {a: b"old a", b: b"old b"})
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.yaml"]


def test_second_rename_failing_leaves_both_files_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.yaml"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    calls: list[str] = []

    def flaky(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        os.replace(src, dst)

    monkeypatch.setattr(_atomic, "_rename", flaky)
    with pytest.raises(SpecdocError) as caught:
        write_files({a: b"new a", b: b"new b"}, {a: b"old a", b: b"old b"})
    assert len(calls) == 2
    assert "No space left" in str(caught.value)
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.yaml"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    a.write_bytes(b"someone else's edit")
    with pytest.raises(SpecdocError, match="changed on disk"):
        write_files({a: b"mine"}, {a: b"what I read"})
    assert a.read_bytes() == b"someone else's edit"


def test_a_held_lock_makes_the_write_wait_then_fail_clearly(tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    a.write_bytes(b"old")
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(SpecdocError, match="held the lock"):
            write_files({a: b"new"}, {a: b"old"}, timeout=0.2)
    finally:
        os.close(fd)
    assert a.read_bytes() == b"old"


def test_file_mode_is_kept(tmp_path: Path) -> None:
    a = tmp_path / "a.sh"
    a.write_bytes(b"old")
    a.chmod(0o754)
    write_files({a: b"new"}, {a: b"old"})
    assert a.stat().st_mode & 0o777 == 0o754


def test_a_temporary_file_that_cannot_be_made_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.yaml"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    real = _atomic.tempfile.mkstemp
    made: list[str] = []

    def full_disk(*args: object, **kwargs: object) -> tuple[int, str]:
        if made:
            raise OSError(28, "No space left on device")
        made.append("one")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_atomic.tempfile, "mkstemp", full_disk)
    with pytest.raises(SpecdocError, match="no file was changed"):
        write_files({a: b"new a", b: b"new b"}, {a: b"old a", b: b"old b"})
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.yaml"]
