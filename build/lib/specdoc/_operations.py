"""Writing operations on a spec, as plans: nothing is written here."""

from __future__ import annotations

from pathlib import Path

import semver

from ._edit import version_edit
from ._plan import FileChange, Plan
from ._spec import Spec


def next_version(version: str, part: str) -> str:
    current = semver.Version.parse(version)
    return str(getattr(current, f"bump_{part}")())


def plan_bump(spec: Spec, part: str) -> Plan:
    """Bump the spec's Version line; nothing else changes."""
    new = next_version(spec.version, part)
    text = spec.source.splice([version_edit(spec, new)])
    return Plan(
        changes=[FileChange(Path(spec.path), spec.source, text)],
        report={
            "spec": spec.path,
            "old_version": spec.version,
            "new_version": new,
            "summary": f"{spec.path}: version {spec.version} -> {new}",
        },
    )
