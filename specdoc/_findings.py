"""Findings: what `check` and `validate` report (exit 1), unlike errors (exit 2)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One problem found in a spec or a contract, located by file and line."""

    rule: str
    path: str
    line: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }

    def as_text(self) -> str:
        return f"{self.path}:{self.line}: {self.rule} {self.message}"
