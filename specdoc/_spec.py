"""The spec model: header, Date history, amendment blocks and AC tables.

Everything is located by exact offsets into the original text, so that edits can
splice the text instead of re-rendering it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import semver

from ._errors import SpecdocError
from ._markdown import Block, scan_blocks
from ._source import Source, read_source

DEFAULT_AC_PATTERN = r"AC-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]+"
MARKER = re.compile(
    r"\*\*\((?P<status>[A-Z][A-Z0-9_]*) v(?P<version>[0-9][0-9A-Za-z.+-]*)\)\*\*\s*$"
)
_STATUS_CELL = re.compile(
    r"^(?:\*\*)?\(?(?P<status>[A-Z][A-Z0-9_]*)"
    r"(?:\s+\(?v(?P<version>[0-9][0-9A-Za-z.+-]*)\)?)?\)?(?:\*\*)?$"
)
_FIELD = re.compile(r"\*\*(?P<key>[^*\n]+?):\*\*[ \t]*(?P<value>.*?)[ \t]*$")
_KEY_VERSION = re.compile(r"^(?P<label>.*?)\s*\((?P<version>v[^)]*)\)$")
_AMENDMENT = re.compile(
    r"\*\*v(?P<version>\d+\.\d+\.\d+[0-9A-Za-z.+-]*) amendment \((?P<paren>.*?)\):\*\*"
)
_SECTION_AMENDMENT = re.compile(
    r"\(v(?P<version>\d+\.\d+\.\d+[0-9A-Za-z.+-]*) amendment, (?P<date>[^)]*)\)"
)
_DATE_ENTRY = re.compile(
    r"(?:^|(?<=\s/\s))(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?: \(v(?P<version>\d+\.\d+\.\d+[0-9A-Za-z.+-]*))?"
)
_KNOWN_FIELDS = ("Document ID", "Version", "Status", "Author", "Reviewer", "Date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` is its content with the padding stripped.

    ``start``/``end`` bound the content; ``raw_start``/``raw_end`` bound
    everything between the two pipes.
    """

    text: str
    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class ACRow:
    ac_id: str
    line: int
    start: int
    end: int
    cells: tuple[Cell, ...]
    table: int
    status: str | None = None
    status_version: str | None = None
    status_cell: int | None = None
    has_marker: bool = False


@dataclass(frozen=True)
class ACTable:
    index: int
    heading: str | None
    heading_line: int | None
    line: int
    start: int
    end: int
    columns: tuple[str, ...]
    status_style: str | None  # "marker", "column" or None
    status_cell: int | None
    rows: tuple[ACRow, ...] = ()


@dataclass(frozen=True)
class HeaderLine:
    """A ``**Key:** value`` line of the header; ``start``/``end`` bound the value."""

    key: str
    value: str
    line: int
    start: int
    end: int
    label: str
    version: str | None


@dataclass(frozen=True)
class DateEntry:
    date: str
    version: str | None
    summary: str
    start: int
    end: int


@dataclass(frozen=True)
class Amendment:
    version: str
    date: str
    note: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class SectionAmendment:
    version: str
    date: str
    title: str
    line: int
    start: int
    end: int


@dataclass
class Spec:
    """A parsed spec. ``source.text`` is the text all offsets refer to."""

    source: Source
    version: str
    version_line: HeaderLine
    header: list[HeaderLine]
    date_line: HeaderLine | None
    date_history: list[DateEntry]
    amendments: list[Amendment]
    section_amendments: list[SectionAmendment]
    tables: list[ACTable]
    header_end: int
    anchor: int | None = None
    rows: dict[str, ACRow] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.path

    def field(self, key: str) -> HeaderLine | None:
        for line in self.header:
            if line.key == key:
                return line
        return None

    @property
    def next_actions(self) -> list[HeaderLine]:
        return [h for h in self.header if h.label == "Atomic next action"]


@dataclass(frozen=True)
class ParseOptions:
    """What makes a table an AC table and where a row's status lives."""

    ac_pattern: str = DEFAULT_AC_PATTERN
    marker_column: str = "Verification"
    status_column: str = "Status"
    anchor_comment: str = "<!-- specdoc:amendments -->"


def load_spec(path: Path, options: ParseOptions | None = None) -> Spec:
    """Read and parse a spec file."""
    return parse_spec(read_source(path), options or ParseOptions())


def parse_spec(source: Source, options: ParseOptions) -> Spec:
    blocks = scan_blocks(source)
    header_end = _header_end(source, blocks)
    amendments, amendment_ranges = _amendments(source, blocks)
    header = _header_lines(source, blocks, header_end, amendment_ranges)
    version_line = _version_line(source, header)
    date_line = next((h for h in header if h.key == "Date"), None)
    tables = _ac_tables(source, blocks, options)
    spec = Spec(
        source=source,
        version=version_line.value,
        version_line=version_line,
        header=header,
        date_line=date_line,
        date_history=_date_history(date_line) if date_line else [],
        amendments=amendments,
        section_amendments=_section_amendments(blocks),
        tables=tables,
        header_end=header_end,
        anchor=_anchor(source, blocks, options.anchor_comment),
    )
    spec.rows = _index_rows(source, tables)
    return spec


def _header_end(source: Source, blocks: list[Block]) -> int:
    """The header runs up to the first heading after the document's title."""
    for i, block in enumerate(blocks):
        if block.kind == "heading" and not (i == 0 and block.level == 1):
            return block.start
    return len(source.text)


def _header_lines(
    source: Source,
    blocks: list[Block],
    header_end: int,
    amendment_ranges: list[tuple[int, int]],
) -> list[HeaderLine]:
    """``**Key:** value`` lines of header paragraphs made only of such lines."""
    found: list[HeaderLine] = []
    for block in blocks:
        if block.start >= header_end:
            break
        if block.kind != "paragraph" or _inside(block.start, amendment_ranges):
            continue
        found.extend(_paragraph_fields(source, block))
    return found


def _paragraph_fields(source: Source, block: Block) -> list[HeaderLine]:
    fields: list[HeaderLine] = []
    pos = block.start
    while pos < block.end:
        end = source.line_end(pos)
        match = _FIELD.match(source.text, pos, end)
        if not match or _AMENDMENT.match(source.text, pos, end):
            return []
        key = match.group("key").strip()
        if not match.group("value") and key not in _KNOWN_FIELDS:
            return []
        keyed = _KEY_VERSION.match(key)
        fields.append(
            HeaderLine(
                key=key,
                value=match.group("value"),
                line=source.line_of(pos),
                start=match.start("value"),
                end=match.end("value"),
                label=keyed.group("label") if keyed else key,
                version=keyed.group("version") if keyed else None,
            )
        )
        pos = source.next_line_start(end)
    return fields


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _version_line(source: Source, header: list[HeaderLine]) -> HeaderLine:
    line = next((h for h in header if h.key == "Version"), None)
    if line is None:
        raise SpecdocError(
            "no `**Version:** X.Y.Z` line in the header",
            source.path,
            1,
            "add one under the title, for example `**Version:** 1.0.0`",
        )
    if not semver.Version.is_valid(line.value):
        raise SpecdocError(
            f"Version {line.value!r} is not a semantic version (MAJOR.MINOR.PATCH)",
            source.path,
            line.line,
            "write it as three numbers, for example `**Version:** 2.25.0`",
        )
    return line


def _date_history(line: HeaderLine) -> list[DateEntry]:
    """Entries start where a date (and ``(vX.Y.Z``) follows the start or `` / ``.

    Summaries may themselves hold `` / `` and parentheses, so the value is not
    split on the separator: an entry runs up to the next entry's separator.
    """
    value = line.value
    matches = [
        m
        for m in _DATE_ENTRY.finditer(value)
        if m.group("version")
        or m.start() == 0
        or not value[m.end() :].strip()
        or value[m.end() :].startswith(" / ")
    ]
    entries: list[DateEntry] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() - 3 if i + 1 < len(matches) else len(value)
        summary = ""
        if match.group("version"):
            body = value[match.end("version") : end].strip().rstrip(" .;,")
            summary = body[:-1].strip() if body.endswith(")") else body
        entries.append(
            DateEntry(
                date=match.group("date"),
                version=match.group("version"),
                summary=summary,
                start=line.start + match.start(),
                end=line.start + end,
            )
        )
    return entries


def _amendments(
    source: Source, blocks: list[Block]
) -> tuple[list[Amendment], list[tuple[int, int]]]:
    """Blocks led by ``**vX.Y.Z amendment (DATE…):**``.

    A block ends before the next paragraph that begins with bold, or at a heading.
    """
    found: list[Amendment] = []
    ranges: list[tuple[int, int]] = []
    text = source.text
    for i, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        match = _AMENDMENT.match(text, block.start, block.end)
        if not match:
            continue
        end = block.end
        for later in blocks[i + 1 :]:
            if later.kind == "heading" or (
                later.kind == "paragraph" and text.startswith("**", later.start)
            ):
                break
            end = later.end
        date, _, note = match.group("paren").partition(",")
        found.append(
            Amendment(
                version=match.group("version"),
                date=date.strip(),
                note=note.strip(),
                line=block.line,
                start=block.start,
                end=end,
            )
        )
        ranges.append((block.start, end))
    return found, ranges


def _section_amendments(blocks: list[Block]) -> list[SectionAmendment]:
    found: list[SectionAmendment] = []
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        match = _SECTION_AMENDMENT.search(block.heading)
        if not match:
            continue
        end = block.end
        for later in blocks[i + 1 :]:
            if later.kind == "heading" and later.level <= block.level:
                break
            end = later.end
        found.append(
            SectionAmendment(
                version=match.group("version"),
                date=match.group("date").strip(),
                title=block.heading,
                line=block.line,
                start=block.start,
                end=end,
            )
        )
    return found


def _anchor(source: Source, blocks: list[Block], comment: str) -> int | None:
    """The offset just after the line holding the amendments anchor comment."""
    for block in blocks:
        if block.kind in ("block_html", "paragraph"):
            found = source.text.find(comment, block.start, block.end)
            if found != -1:
                return source.next_line_start(found)
    return None


def split_cells(text: str, start: int, end: int) -> list[Cell]:
    """Split the pipe-table row ``text[start:end]`` into cells with offsets.

    Pipes escaped with a backslash do not split; this matches mistune's rule.
    """
    first = text.index("|", start, end)
    last = end
    while text[last - 1] in " \t":
        last -= 1
    has_trailing = last - 1 > first and text[last - 1] == "|"
    inner_end = last - 1 if has_trailing else last
    cells: list[Cell] = []
    cell_start = first + 1
    pos = cell_start
    backslashes = 0
    while pos <= inner_end:
        char = text[pos] if pos < inner_end else "|"
        if char == "|" and backslashes % 2 == 0:
            cells.append(_cell(text, cell_start, pos))
            cell_start = pos + 1
        backslashes = backslashes + 1 if char == "\\" else 0
        pos += 1
    return cells


def _cell(text: str, start: int, end: int) -> Cell:
    content_start, content_end = start, end
    while content_start < end and text[content_start] in " \t":
        content_start += 1
    while content_end > content_start and text[content_end - 1] in " \t":
        content_end -= 1
    return Cell(text[content_start:content_end], content_start, content_end, start, end)


def _row_lines(source: Source, block: Block) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = block.start
    while pos < block.end:
        end = source.line_end(pos)
        lines.append((pos, end))
        pos = source.next_line_start(end)
    return lines


def _ac_tables(
    source: Source, blocks: list[Block], options: ParseOptions
) -> list[ACTable]:
    ac_id = re.compile(options.ac_pattern)
    tables: list[ACTable] = []
    heading: Block | None = None
    for block in blocks:
        if block.kind == "heading":
            heading = block
        elif block.kind == "table":
            table = _ac_table(source, block, heading, ac_id, options, len(tables))
            if table is not None:
                tables.append(table)
        elif block.kind == "paragraph":
            _reject_broken_table(source, block, ac_id)
    return tables


def _ac_table(
    source: Source,
    block: Block,
    heading: Block | None,
    ac_id: re.Pattern[str],
    options: ParseOptions,
    index: int,
) -> ACTable | None:
    text = source.text
    lines = _row_lines(source, block)
    split = [split_cells(text, start, end) for start, end in lines]
    body = [(lines[i], cells) for i, cells in enumerate(split) if i >= 2]
    if not any(cells and ac_id.fullmatch(cells[0].text) for _, cells in body):
        return None
    row_lines = [lines[0], *lines[2:]]
    row_cells = [split[0], *split[2:]]
    for (start, _), cells, expected in zip(
        row_lines, row_cells, block.cells, strict=False
    ):
        if len(cells) != expected:
            raise SpecdocError(
                f"specdoc split this table row into {len(cells)} cells, "
                f"the markdown parser into {expected}",
                source.path,
                source.line_of(start),
                "check the row's pipes (escape literal pipes as \\|)",
            )
    columns = tuple(cell.text for cell in split[0])
    style, status_cell = _status_place(columns, options)
    table = ACTable(
        index=index,
        heading=heading.heading if heading else None,
        heading_line=heading.line if heading else None,
        line=block.line,
        start=block.start,
        end=block.end,
        columns=columns,
        status_style=style,
        status_cell=status_cell,
    )
    rows = tuple(
        _ac_row(source, table, start, end, cells)
        for (start, end), cells in body
        if cells and ac_id.fullmatch(cells[0].text)
    )
    return dataclasses.replace(table, rows=rows)


def _status_place(
    columns: tuple[str, ...], options: ParseOptions
) -> tuple[str | None, int | None]:
    lowered = [c.strip().lower() for c in columns]
    if options.status_column.lower() in lowered:
        return "column", lowered.index(options.status_column.lower())
    if options.marker_column.lower() in lowered:
        return "marker", lowered.index(options.marker_column.lower())
    return None, None


def _ac_row(
    source: Source, table: ACTable, start: int, end: int, cells: list[Cell]
) -> ACRow:
    status = version = None
    has_marker = False
    index = table.status_cell
    if index is not None and index < len(cells):
        content = cells[index].text
        match = (MARKER if table.status_style == "marker" else _STATUS_CELL).search(
            content
        )
        if match:
            status, version = match.group("status"), match.group("version")
            has_marker = True
    return ACRow(
        ac_id=cells[0].text,
        line=source.line_of(start),
        start=start,
        end=end,
        cells=tuple(cells),
        table=table.index,
        status=status,
        status_version=version,
        status_cell=index,
        has_marker=has_marker,
    )


def _reject_broken_table(source: Source, block: Block, ac_id: re.Pattern[str]) -> None:
    """A pipe table the markdown parser rejected must not lose AC rows in silence."""
    text = source.text
    if "|" not in text[block.start : block.end]:
        return
    for start, end in _row_lines(source, block):
        if not text[start:end].lstrip(" ").startswith("|"):
            continue
        cells = split_cells(text, start, end)
        if cells and ac_id.fullmatch(cells[0].text):
            raise SpecdocError(
                f"row {cells[0].text} is in a pipe table that markdown does not "
                "accept as a table (a row whose cell count differs from the "
                "header's, or a row without its closing pipe, turns the table "
                "into plain text)",
                source.path,
                source.line_of(start),
                "give every row as many cells as the header, between pipes",
            )


def _index_rows(source: Source, tables: list[ACTable]) -> dict[str, ACRow]:
    rows: dict[str, ACRow] = {}
    for table in tables:
        for row in table.rows:
            first = rows.get(row.ac_id)
            if first is not None:
                raise SpecdocError(
                    f"AC id {row.ac_id} appears twice (first on line {first.line})",
                    source.path,
                    row.line,
                    "give each AC row its own id",
                )
            rows[row.ac_id] = row
    return rows


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
