"""Edits of a spec, each a replacement of a span of its original text."""

from __future__ import annotations

from ._errors import SpecdocError
from ._source import Edit
from ._spec import MARKER, ACRow, Spec


def escape_cell(value: str) -> str:
    """Make ``value`` safe inside a pipe-table cell: one line, literal pipes."""
    flat = " ".join(value.split())
    out = []
    backslashes = 0
    for char in flat:
        if char == "|" and backslashes % 2 == 0:
            out.append("\\")
        out.append(char)
        backslashes = backslashes + 1 if char == "\\" else 0
    return "".join(out)


def status_text(style: str | None, state: str, version: str) -> str:
    """The marker (``**(STATE vX.Y.Z)**``) or the Status cell value."""
    if style == "marker":
        return f"**({state} v{version})**"
    return f"{state} v{version}"


def row_status_edit(spec: Spec, row: ACRow, state: str, version: str) -> Edit:
    """Set a row's marker (or Status cell) to ``state`` at ``version``.

    Padding is kept where the new content fits the cell's old width, so aligned
    tables stay aligned; otherwise one space separates it from the pipe.
    """
    table = spec.tables[row.table]
    if row.status_cell is None or row.status_cell >= len(row.cells):
        raise SpecdocError(
            f"{row.ac_id} is in a table with no Verification or Status column "
            "to hold its status",
            spec.path,
            row.line,
            "add a Verification or Status column to the table",
        )
    cell = row.cells[row.status_cell]
    status = escape_cell(status_text(table.status_style, state, version))
    if table.status_style == "marker":
        match = MARKER.search(cell.text)
        base = cell.text[: match.start()].rstrip() if match else cell.text
        content = f"{base} {status}" if base else status
    else:
        content = status
    start = cell.start if cell.text else cell.raw_start
    lead = "" if cell.text else " "
    width = cell.raw_end - start
    body = lead + content
    padding = max(1, width - len(body))
    return Edit(start, cell.raw_end, body + " " * padding)


def version_edit(spec: Spec, new_version: str) -> Edit:
    line = spec.version_line
    return Edit(line.start, line.end, new_version)


def date_entry_edit(spec: Spec, date: str, version: str, summary: str) -> Edit | None:
    """Append `` / DATE (vX.Y.Z summary)`` to the Date line (None without one)."""
    line = spec.date_line
    if line is None:
        return None
    summary = " ".join(summary.split())
    entry = f"{date} (v{version}{' ' + summary if summary else ''})"
    separator = " / " if line.value.strip() else ""
    return Edit(line.end, line.end, separator + entry)


def block_insert_edit(spec: Spec, block: str) -> Edit:
    """Insert an amendment block at the anchor, newest first.

    The anchor is the line after a ``<!-- specdoc:amendments -->`` comment when
    the spec has one; else the end of the paragraph holding the Date line; else
    the end of the paragraph holding the Version line.
    """
    source = spec.source
    newline = source.newline
    body = newline.join(block.strip("\n").splitlines())
    if spec.anchor is not None:
        position = spec.anchor
        after = source.text[position : source.line_end(position)]
        tail = newline if not after.strip() else newline + newline
        return Edit(position, position, newline + body + tail)
    line = spec.date_line or spec.version_line
    position = _paragraph_end(spec, line.start)
    return Edit(position, position, newline + newline + body)


def _paragraph_end(spec: Spec, offset: int) -> int:
    """The end (before its line ending) of the paragraph holding ``offset``."""
    source = spec.source
    text = source.text
    end = source.line_end(offset)
    while True:
        following = source.next_line_start(end)
        if following >= len(text):
            return end
        next_end = source.line_end(following)
        if not text[following:next_end].strip():
            return end
        end = next_end
