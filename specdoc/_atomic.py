"""The one way specdoc writes files: locked, atomic, all or none.

Each file is written to a temporary file in its own folder, flushed to disk and
renamed over the original. Several files commit as one step: if a rename fails,
the files already renamed get their old bytes back. While writing, specdoc holds
an advisory lock (``flock``) on each file's folder, and it refuses to write a
file whose bytes changed since the operation read it, so two runs at once cannot
lose an update: the second one fails and can simply be run again.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from ._errors import SpecdocError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT = 10.0
_rename = os.replace


@contextlib.contextmanager
def _locked_folders(folders: list[Path], timeout: float) -> Iterator[None]:
    handles: list[int] = []
    try:
        for folder in folders:
            fd = os.open(folder, os.O_RDONLY)
            handles.append(fd)
            _lock(fd, folder, timeout)
        yield
    finally:
        for fd in reversed(handles):
            os.close(fd)


def _lock(fd: int, folder: Path, timeout: float) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise SpecdocError(
                    f"another specdoc run has held the lock on {folder} "
                    f"for {timeout:.0f} s",
                    folder,
                    None,
                    "wait for it to finish and run again",
                ) from None
            time.sleep(0.05)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_temp(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".specdoc-tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(name, path.stat().st_mode & 0o7777)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _staged(path: Path, data: bytes) -> Path:
    try:
        return _write_temp(path, data)
    except OSError as exc:
        raise SpecdocError(
            f"cannot write beside the file ({exc.strerror or exc}); "
            "no file was changed",
            path,
            None,
            "check the folder's permissions and free space, then run again",
        ) from None


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_files(
    contents: Mapping[Path, bytes],
    originals: Mapping[Path, bytes | None],
    timeout: float = LOCK_TIMEOUT,
) -> None:
    """Replace every file in ``contents`` at once, or none of them.

    ``originals`` holds the bytes each file had when the operation read it
    (None for a file that did not exist); a file that changed since is an error.
    """
    paths = sorted(contents, key=str)
    folders = sorted({p.parent.resolve() for p in paths}, key=str)
    with _locked_folders(folders, timeout):
        before = {p: _current(p) for p in paths}
        for path in paths:
            if path in originals and before[path] != originals[path]:
                raise SpecdocError(
                    "changed on disk while specdoc was working on it",
                    path,
                    None,
                    "run the command again",
                )
        temps: dict[Path, Path] = {}
        try:
            for path in paths:
                temps[path] = _staged(path, contents[path])
            _commit(paths, temps, before)
        finally:
            for temp in temps.values():
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)
        for folder in folders:
            _fsync_folder(folder)


def _commit(
    paths: list[Path], temps: dict[Path, Path], before: dict[Path, bytes | None]
) -> None:
    done: list[Path] = []
    try:
        for path in paths:
            _rename(temps[path], path)
            done.append(path)
    except OSError as exc:
        _restore(done, before)
        raise SpecdocError(
            f"could not replace the file ({exc.strerror or exc}); no file was changed",
            path,
            None,
            "check the folder's permissions and free space, then run again",
        ) from None


def _restore(done: list[Path], before: dict[Path, bytes | None]) -> None:
    for path in reversed(done):
        old = before[path]
        if old is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            continue
        temp = _write_temp(path, old)
        os.replace(temp, path)
