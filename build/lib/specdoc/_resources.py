"""Packaged files: the default templates and the example repository.

Installed, they are package data under ``specdoc/templates`` and
``specdoc/example``; in a source checkout they are the ``templates/`` and
``specs/`` folders beside the package.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _packaged(name: str, checkout_folder: str) -> Path:
    installed = Path(str(importlib.resources.files("specdoc") / name))
    return installed if installed.is_dir() else _CHECKOUT / checkout_folder


def templates_folder() -> Path:
    return _packaged("templates", "templates")


def example_folder() -> Path:
    return _packaged("example", "specs")
