"""specdoc: keep a living markdown spec in step with the YAML contracts behind it.

The library surface: load a spec, read its settings, plan changes as diffs.
"""

from __future__ import annotations

__version__ = "0.1.0"

from ._config import Settings, load_settings
from ._errors import SpecdocError
from ._findings import Finding
from ._plan import FileChange, Plan
from ._spec import (
    ACRow,
    ACTable,
    Amendment,
    DateEntry,
    HeaderLine,
    ParseOptions,
    SectionAmendment,
    Spec,
    load_spec,
    parse_spec,
)

__all__ = [
    "ACRow",
    "ACTable",
    "Amendment",
    "DateEntry",
    "FileChange",
    "Finding",
    "HeaderLine",
    "ParseOptions",
    "Plan",
    "SectionAmendment",
    "Settings",
    "Spec",
    "SpecdocError",
    "load_settings",
    "load_spec",
    "parse_spec",
]
