"""What a writing command would change, shown as a diff or written at once."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._atomic import write_files
from ._source import Source


@dataclass(frozen=True)
class FileChange:
    """The old and new text of one file (``source`` keeps its BOM and bytes)."""

    path: Path
    source: Source
    new_text: str

    @property
    def changed(self) -> bool:
        return self.new_text != self.source.text

    def diff(self, label: str | None = None) -> str:
        name = label or str(self.path)
        lines = difflib.unified_diff(
            self.source.text.splitlines(keepends=True),
            self.new_text.splitlines(keepends=True),
            fromfile=name if Path(name).is_absolute() else f"a/{name}",
            tofile=name if Path(name).is_absolute() else f"b/{name}",
        )
        out = []
        for line in lines:
            out.append(
                line
                if line.endswith("\n")
                else line + "\n\\ No newline at end of file\n"
            )
        return "".join(out)


@dataclass
class Plan:
    """Every file one operation changes, plus a report for ``--format json``."""

    changes: list[FileChange] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[FileChange]:
        return [c for c in self.changes if c.changed]

    def diff(self, base: Path | None = None) -> str:
        return "".join(c.diff(_label(c.path, base)) for c in self.changed)

    def write(self) -> None:
        """Write every changed file in one atomic step."""
        changed = self.changed
        if not changed:
            return
        write_files(
            {c.path: c.source.encode(c.new_text) for c in changed},
            {c.path: c.source.encode() for c in changed},
        )


def _label(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)
