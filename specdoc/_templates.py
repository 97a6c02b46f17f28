"""Jinja2 templates for amendment blocks, Date entries and contract changelogs.

Templates render in Jinja2's sandbox, and an undefined variable is an error.
A template is looked up in this order: the path given on the command line, the
repository's templates folder, the packaged default.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ._errors import SpecdocError
from ._resources import templates_folder

BLOCK = "amendment-block.md.j2"
SUMMARY = "date-summary.txt.j2"
CHANGELOG = "contract-changelog.txt.j2"


def find_template(name: str, explicit: Path | None, folder: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise SpecdocError(
                "template not found", explicit, None, "check the template path"
            )
        return explicit
    if folder is not None and (folder / name).is_file():
        return folder / name
    return templates_folder() / name


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(path: Path, context: Mapping[str, Any]) -> str:
    """Render the template at ``path``; any error names the template and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecdocError(f"cannot read template: {exc}", path) from None
    try:
        template = _environment().from_string(source)
        template.filename = str(path)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise SpecdocError(
            f"template syntax error: {exc.message}",
            path,
            exc.lineno,
            "fix the template",
        ) from None
    except jinja2.UndefinedError as exc:
        raise SpecdocError(
            f"template uses an undefined variable: {exc.message}",
            path,
            _template_line(exc, path),
            "use only the variables documented in the README",
        ) from None
    except jinja2.TemplateError as exc:
        raise SpecdocError(
            f"template failed: {exc}",
            path,
            _template_line(exc, path),
            "fix the template",
        ) from None


def _template_line(exc: BaseException, path: Path) -> int | None:
    """The template line where rendering failed, from Jinja2's traceback frames."""
    line = None
    names = {str(path), "<template>"}
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in names:
            line = frame.lineno
    return line
