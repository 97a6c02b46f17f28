"""Packaged files: the default templates and the example repository.

Installed, they live in the ``specdoc.templates`` and ``specdoc.example``
packages; in a source checkout they are the ``templates/`` and ``specs/``
folders beside the package.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _packaged(package: str, checkout_folder: str) -> Path:
    local = _CHECKOUT / checkout_folder
    try:
        found = importlib.resources.files(package)
        path = Path(str(found))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return local


def templates_folder() -> Path:
    return _packaged("specdoc.templates", "templates")


def example_folder() -> Path:
    return _packaged("specdoc.example", "specs")
