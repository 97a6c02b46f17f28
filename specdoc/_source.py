"""Files as bytes and text: BOM, line endings, line numbers, and splicing."""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import SpecdocError

BOM = "\ufeff"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


@dataclass
class Source:
    """The decoded text of one file, with what it takes to write it back byte for byte.

    ``text`` excludes a UTF-8 BOM (``bom`` records it) and keeps the original line
    endings; every offset specdoc reports is an index into ``text``.
    """

    path: str
    text: str
    bom: bool = False
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    @property
    def newline(self) -> str:
        """The file's own line ending: CRLF when its first line ends so, else LF."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    def line_of(self, offset: int) -> int:
        """The 1-based line number holding ``offset``."""
        return bisect.bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def line_end(self, offset: int) -> int:
        """The offset of the line terminator (or end of text) after ``offset``."""
        end = self.text.find("\n", offset)
        if end == -1:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def next_line_start(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end == -1 else end + 1

    def encode(self, text: str | None = None) -> bytes:
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8")

    def splice(self, edits: list[Edit]) -> str:
        """Apply non-overlapping edits and return the new text."""
        return splice(self.text, edits)


def splice(text: str, edits: list[Edit]) -> str:
    """Replace spans of ``text``; the edits must not overlap."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        parts.append(text[pos : edit.start])
        parts.append(edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def decode(path: Path | str, raw: bytes) -> Source:
    """Decode UTF-8 bytes, naming the line of the first bad byte on failure."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecdocError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            path,
            line,
            "save the file as UTF-8",
        ) from None
    bom = text.startswith(BOM)
    return Source(str(path), text[1:] if bom else text, bom)


def display_path(path: Path | str, cwd: str | None = None) -> str:
    """``path`` relative to the current folder when it lies below it."""
    here = (cwd or os.getcwd()).rstrip(os.sep) + os.sep
    absolute = os.path.abspath(path)
    return absolute[len(here) :] if absolute.startswith(here) else str(path)


def read_source(path: Path) -> Source:
    """Read a file, turning a missing or unreadable file into a SpecdocError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecdocError(
            "file not found", path, None, "check the path (or --spec / -C)"
        ) from None
    except IsADirectoryError:
        raise SpecdocError(
            "is a folder, expected a file", path, None, "name the file itself"
        ) from None
    except OSError as exc:
        raise SpecdocError(
            f"cannot read: {exc.strerror}", path, None, "check its permissions"
        ) from None
    return decode(display_path(path), raw)
