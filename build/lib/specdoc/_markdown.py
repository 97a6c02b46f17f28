"""Top-level markdown blocks with exact source offsets, found with mistune.

mistune reports no positions and normalises line endings. specdoc wraps the block
parser's rule dispatch: every rule matched at the top level of the document (not
inside a list or quote) is recorded with the offsets of its match, and the text
between recorded blocks is paragraph text. Offsets are mapped back from the
normalised text to the original one, so CRLF files are located exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.table import table as table_plugin

from ._source import Source

_HEADING_TEXT = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class Block:
    """One top-level block: ``text[start:end]`` in the original file.

    ``end`` is exclusive and excludes the block's final line ending.
    """

    kind: str
    start: int
    end: int
    line: int
    level: int = 0
    heading: str = ""
    cells: tuple[int, ...] = ()


class _RecordingParser(BlockParser):
    """A block parser that remembers where each top-level rule matched."""

    def __init__(self) -> None:
        super().__init__()
        self.recorded: list[tuple[str, int, int, dict[str, Any]]] = []

    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:
        before = len(state.tokens)
        end: int | None = super().parse_method(m, state)
        if state.parent is None and end and len(state.tokens) > before:
            token = state.tokens[-1]
            if token["type"] != "paragraph":
                self.recorded.append((token["type"], m.start(), end, token))
        return end


def _make_parser() -> tuple[mistune.Markdown, _RecordingParser]:
    block = _RecordingParser()
    md = mistune.Markdown(renderer=None, block=block, plugins=[table_plugin])
    return md, block


class _OffsetMap:
    """Maps offsets in the CRLF-normalised text back to the original text."""

    def __init__(self, source: Source, normalised: str) -> None:
        self.identity = "\r\n" not in source.text
        self.source = source
        if not self.identity:
            starts = [0]
            pos = normalised.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = normalised.find("\n", pos + 1)
            self.norm_starts = starts

    def __call__(self, offset: int) -> int:
        if self.identity:
            return min(offset, len(self.source.text))
        index = bisect.bisect_right(self.norm_starts, offset) - 1
        if index >= self.source.line_of(len(self.source.text)):
            return len(self.source.text)
        return self.source.line_start(index + 1) + offset - self.norm_starts[index]


def _trim_end(text: str, start: int, end: int) -> int:
    """Pull ``end`` back over trailing line endings and blank space."""
    while end > start and text[end - 1] in "\r\n \t":
        end -= 1
    return end


def scan_blocks(source: Source) -> list[Block]:
    """Split a document into top-level blocks: headings, tables, code, lists,
    paragraphs and the rest, each located in the original text."""
    normalised = source.text.replace("\r\n", "\n")
    if not normalised.endswith("\n"):
        normalised += "\n"
    md, parser = _make_parser()
    state = BlockState()
    state.process(normalised)
    parser.parse(state)
    to_original = _OffsetMap(source, normalised)
    text = source.text
    blocks: list[Block] = []
    cursor = 0
    for kind, nstart, nend, token in parser.recorded:
        start, end = to_original(nstart), to_original(min(nend, len(normalised)))
        end = min(end, len(text))
        blocks.extend(_paragraphs(source, cursor, start))
        cursor = max(cursor, end)
        if kind == "blank_line":
            continue
        trimmed = _trim_end(text, start, end)
        line = source.line_of(start)
        if kind == "heading":
            blocks.append(_heading(source, start, trimmed, line, token))
        elif kind == "table":
            cells = tuple(len(row["children"]) for row in _table_rows(token))
            blocks.append(Block(kind, start, trimmed, line, cells=cells))
        else:
            blocks.append(Block(kind, start, trimmed, line))
    blocks.extend(_paragraphs(source, cursor, len(text)))
    return blocks


def _table_rows(token: dict[str, Any]) -> list[dict[str, Any]]:
    head, body = token["children"]
    return [head, *body["children"]]


def _heading(
    source: Source, start: int, end: int, line: int, token: dict[str, Any]
) -> Block:
    first_line_end = source.line_end(start)
    match = _HEADING_TEXT.match(source.text[start:first_line_end])
    title = (match.group(1) or "") if match else str(token.get("text", "")).strip()
    level = int(token.get("attrs", {}).get("level", 0))
    return Block("heading", start, end, line, level=level, heading=title.strip())


def _paragraphs(source: Source, start: int, end: int) -> list[Block]:
    """Paragraphs in ``text[start:end]``: runs of non-blank lines."""
    text = source.text
    blocks: list[Block] = []
    pos = start
    para_start = -1
    while pos < end:
        line_end = source.line_end(pos)
        blank = not text[pos:line_end].strip()
        if blank and para_start >= 0:
            blocks.append(_paragraph(source, para_start, pos))
            para_start = -1
        elif not blank and para_start < 0:
            para_start = pos
        pos = source.next_line_start(pos)
    if para_start >= 0:
        blocks.append(_paragraph(source, para_start, end))
    return blocks


def _paragraph(source: Source, start: int, end: int) -> Block:
    end = _trim_end(source.text, start, end)
    return Block("paragraph", start, end, source.line_of(start))
