"""The one error type specdoc raises for bad input."""

from __future__ import annotations

from pathlib import Path

import click


class SpecdocError(click.ClickException):
    """Bad input or usage: one line naming the file and line, the problem and the fix.

    The exit code is 2, so scripts can tell it from findings (exit 1).
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.problem = message
        self.fix = fix
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.problem}"
        if self.fix:
            text += f"; {self.fix}"
        return text.replace("\n", " ")
