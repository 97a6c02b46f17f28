"""Bump a contract's version and add a changelog entry by splicing its text.

The contract is never dumped: each change replaces a span the parser reports, or
inserts whole lines, so every other byte stays as it was (BOM, CRLF, comments and
the wrapping of quoted strings included).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date as Date

import semver

from ._errors import SpecdocError
from ._source import Edit, splice
from ._yamlpos import Document, Span, YamlError, YamlList, YamlMap, load

PARTS = ("major", "minor", "patch")
WIDTH = 72
_BREAK = re.compile(r"\r\n|\n|\r")
_LEAD = re.compile(r"[ ]*-[ ]+\Z")
_HEAD = re.compile(
    r"\s*(?P<v>v?)\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.+-]*)?"
    r"(?P<paren>[ \t]*\([^)\n]*\))?(?P<sep>[ \t]*[:—–-][ \t]*|[ \t]+)?"
)
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ContractBump:
    """The outcome of a bump: both versions and the contract's new text."""

    old_version: str
    new_version: str
    new_text: str


@dataclass(frozen=True)
class _Model:
    """How an existing scalar is written, so a new one can be written alike."""

    style: str
    wrap_indent: str | None = None
    header: str = ""


@dataclass(frozen=True)
class _Entry:
    """The new changelog entry: where it goes, its lines, and what it must read."""

    edit: Edit
    expected: str
    text_key: str | None


@dataclass(frozen=True)
class _Lines:
    """The lines of a new entry, and the text it must read back as."""

    lines: list[str]
    expected: str
    text_key: str | None = None


@dataclass(frozen=True)
class _Place:
    """Where inserted lines go, and the line break to put first (at end of file)."""

    index: int
    prefix: str


def bump_contract(
    text: str, path: str, part: str, date: str, entry_text: str
) -> ContractBump:
    """Bump `version` and `metadata.version` and add a changelog entry at the top.

    `metadata.updated` and a top-level `updated` are set to `date` when present;
    none is added when absent. When `metadata` has no changelog, one is added as
    its last key. The entry copies the style of the first existing entry: its
    indentation, quoting or block style, wrapping, the `v` before the version, and
    for mapping entries the `version` and `date` keys plus the first other key,
    which takes `entry_text`; further keys of the first entry are not copied.
    Quoted and plain entries fold `entry_text` to one paragraph; block scalars
    keep its line breaks. A plain entry that would not read back as the same text
    is written double-quoted instead. When both `metadata.changelog` and a
    top-level `changelog` exist, the entry goes to `metadata.changelog`; a
    changelog that is not a list (a mapping keyed by version) is refused.
    """
    _check_arguments(path, part, date)
    document = _parse(text, path)
    root = document.root
    if not isinstance(root, YamlMap):
        raise SpecdocError(
            "the contract is not a YAML mapping",
            path,
            1,
            "a contract starts with keys such as `version:`",
        )
    fields = _version_fields(root, path)
    old = _agreed_version(document, fields, path)
    new = str(getattr(semver.Version.parse(old), f"bump_{part}")())
    edits = [_version_edit(document, parent, key, new, path) for parent, key in fields]
    edits += _updated_edits(document, root, date)
    for quoted in (False, True):
        entry = _changelog_entry(document, root, path, (new, date, entry_text), quoted)
        new_text = splice(text, [*edits, entry.edit])
        if _reads_back(new_text, entry, new):
            return ContractBump(old, new, new_text)
    raise SpecdocError(
        "the new changelog entry does not read back as written",
        path,
        None,
        "write the entry by hand; this is a specdoc bug",
    )


def _check_arguments(path: str, part: str, date: str) -> None:
    if part not in PARTS:
        raise SpecdocError(
            f"cannot bump `{part}`", path, None, "use one of " + ", ".join(PARTS)
        )
    if not _is_date(date):
        raise SpecdocError(
            f"`{date}` is not a date", path, None, "write it as YYYY-MM-DD"
        )


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        Date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _parse(text: str, path: str) -> Document:
    try:
        return load(text)
    except YamlError as err:
        raise SpecdocError(
            f"the contract does not parse: {err.problem}",
            path,
            err.line,
            "fix the YAML first",
        ) from None


def _version_fields(root: YamlMap, path: str) -> list[tuple[YamlMap, str]]:
    fields: list[tuple[YamlMap, str]] = []
    if "version" in root:
        fields.append((root, "version"))
    metadata = root.get("metadata")
    if isinstance(metadata, YamlMap) and "version" in metadata:
        fields.append((metadata, "version"))
    if not fields:
        raise SpecdocError(
            "the contract has no `version` or `metadata.version`",
            path,
            None,
            "add `version: 1.0.0` first",
        )
    return fields


def _agreed_version(
    document: Document, fields: list[tuple[YamlMap, str]], path: str
) -> str:
    named = [
        (_label(parent, document), str(parent[key]), parent.key_line(key))
        for parent, key in fields
    ]
    first = named[0]
    for other in named[1:]:
        if other[1] != first[1]:
            raise SpecdocError(
                f"{first[0]} {first[1]} (line {first[2]}) disagrees with "
                f"{other[0]} {other[1]} (line {other[2]})",
                path,
                first[2],
                "make them equal first",
            )
    if not semver.Version.is_valid(first[1]):
        raise SpecdocError(
            f"{first[0]} {first[1]} is not a semantic version",
            path,
            first[2],
            "write it as MAJOR.MINOR.PATCH, e.g. 1.0.0",
        )
    return first[1]


def _label(parent: YamlMap, document: Document) -> str:
    return "version" if parent is document.root else "metadata.version"


def _version_edit(
    document: Document, parent: YamlMap, key: str, new: str, path: str
) -> Edit:
    span = document.value_span(parent, key)
    if span.style not in ("", '"', "'"):
        raise SpecdocError(
            f"`{key}` is not written as a plain or quoted scalar",
            path,
            span.start.line,
            f"write it as `{key}: {parent[key]}`",
        )
    return Edit(span.start.index, span.end.index, _quoted(new, span.style))


def _updated_edits(document: Document, root: YamlMap, date: str) -> list[Edit]:
    edits: list[Edit] = []
    metadata = root.get("metadata")
    for parent in (metadata, root):
        if not isinstance(parent, YamlMap) or "updated" not in parent:
            continue
        if isinstance(parent["updated"], (YamlMap, YamlList)):
            continue
        span = document.value_span(parent, "updated")
        style = span.style if span.style in ("", '"', "'") else ""
        value = _quoted(date, style)
        if span.start.index == span.end.index:
            value = " " + value
        edits.append(Edit(span.start.index, span.end.index, value))
    return edits


def _quoted(value: str, style: str | None) -> str:
    if style == '"':
        return f'"{value}"'
    if style == "'":
        return f"'{value}'"
    return value


def _changelog_entry(
    document: Document,
    root: YamlMap,
    path: str,
    content: tuple[str, str, str],
    quoted: bool,
) -> _Entry:
    found = _find_changelog(root)
    if found is None:
        metadata = root.get("metadata")
        if not isinstance(metadata, YamlMap):
            raise SpecdocError(
                "the contract has no changelog and no `metadata` mapping",
                path,
                None,
                "add `changelog:` with a list of entries under `metadata:`",
            )
        return _new_changelog(document, metadata, path, content)
    parent, entries = found
    if entries is None or (isinstance(entries, YamlList) and not entries):
        return _fill_empty_changelog(document, parent, path, content)
    if not isinstance(entries, YamlList):
        line = parent.key_line("changelog")
        raise SpecdocError(
            "the changelog is not a list",
            path,
            line,
            "make `changelog:` a list of entries",
        )
    return _entry_before_first(document, entries, path, content, quoted)


def _find_changelog(root: YamlMap) -> tuple[YamlMap, object] | None:
    metadata = root.get("metadata")
    if isinstance(metadata, YamlMap) and "changelog" in metadata:
        return metadata, metadata["changelog"]
    if "changelog" in root:
        return root, root["changelog"]
    return None


def _new_changelog(
    document: Document, metadata: YamlMap, path: str, content: tuple[str, str, str]
) -> _Entry:
    span = document.span(metadata)
    if metadata.is_flow or not metadata:
        raise SpecdocError(
            "`metadata` is not a block mapping",
            path,
            span.start.line,
            "add `changelog:` under `metadata:` by hand",
        )
    indent = " " * (span.start.column - 1)
    last = next(reversed(metadata))
    at = _after_line(document.text, document.content_end(metadata, last))
    body = _fresh_entry(indent + "  - ", content)
    lines = [f"{indent}changelog:", *body.lines]
    inserted = at.prefix + _joined(lines, document.text)
    return _Entry(Edit(at.index, at.index, inserted), body.expected, None)


def _fill_empty_changelog(
    document: Document, parent: YamlMap, path: str, content: tuple[str, str, str]
) -> _Entry:
    key = document.key_span(parent, "changelog")
    value = document.value_span(parent, "changelog")
    if value.start.line != key.start.line:
        raise SpecdocError(
            "the changelog is not a list",
            path,
            key.start.line,
            "make `changelog:` a list of entries",
        )
    indent = " " * (key.start.column - 1)
    body = _fresh_entry(indent + "  - ", content)
    at = _after_line(document.text, value.end.index)
    colon = Edit(key.end.index, value.end.index, ":")
    insert = Edit(at.index, at.index, at.prefix + _joined(body.lines, document.text))
    return _Entry(_merge(document.text, colon, insert), body.expected, None)


def _fresh_entry(lead: str, content: tuple[str, str, str]) -> _Lines:
    new, date, entry_text = content
    body = f"{new} ({date}): {entry_text}"
    model = _Model('"', " " * (len(lead) + 1))
    return _Lines(_render(lead, body, model), body)


def _entry_before_first(
    document: Document,
    entries: YamlList,
    path: str,
    content: tuple[str, str, str],
    quoted: bool,
) -> _Entry:
    first = document.value_span(entries, 0)
    if entries.is_flow:
        return _flow_entry(document, entries, first, content, quoted)
    line_start = document.line_start(first.start.line)
    lead = document.text[line_start : first.start.index]
    if not _LEAD.match(lead):
        raise SpecdocError(
            "cannot tell how the changelog entries are laid out",
            path,
            first.start.line,
            "put each entry on the line of its dash",
        )
    made = _entry_lines(document, entries, (lead, path), content, quoted)
    if _blank_after_first(document, entries):
        made.lines.append("")
    edit = Edit(line_start, line_start, _joined(made.lines, document.text))
    return _Entry(edit, made.expected, made.text_key)


def _entry_lines(
    document: Document,
    entries: YamlList,
    where: tuple[str, str],
    content: tuple[str, str, str],
    quoted: bool,
) -> _Lines:
    lead, path = where
    first = entries[0]
    if isinstance(first, YamlMap):
        if first.is_flow or not any(isinstance(key, str) for key in first):
            line = entries.item_line(0)
            raise SpecdocError(
                "cannot copy the layout of the first changelog entry",
                path,
                line,
                "write it as a block mapping with keys",
            )
        if _keyed_by_head(first):
            return _keyed_entry(document, first, lead, content, quoted)
        return _mapping_entry(document, first, lead, content, quoted)
    new, date, entry_text = content
    model = _model_of(document, entries, 0, quoted)
    head = _head_like(first if isinstance(first, str) else "", new, date)
    body = head + entry_text
    if model.style not in ("|", ">"):
        body = head + _folded(entry_text)
    return _Lines(_render(lead, body, model), body)


def _mapping_entry(
    document: Document,
    first: YamlMap,
    lead: str,
    content: tuple[str, str, str],
    quoted: bool,
) -> _Lines:
    new, date, entry_text = content
    keys = [key for key in first if isinstance(key, str)]
    text_key = next((k for k in keys if k not in ("version", "date")), "changes")
    prefix = "v" if str(first.get("version", "")).startswith("v") else ""
    values = {"version": prefix + new, "date": date, text_key: entry_text}
    indent = " " * len(lead)
    lines: list[str] = []
    for key in [k for k in keys if k in values]:
        key_lead = (lead if not lines else indent) + _key_source(document, first, key)
        lines += _mapping_value(document, first, key, key_lead, values[key], quoted)
    if text_key not in first:
        lines += _render(indent + f"{text_key}: ", _folded(entry_text), _Model('"'))
    return _Lines(lines, entry_text, text_key)


def _keyed_by_head(entry: YamlMap) -> bool:
    """Tell whether an entry is `- 1.1.0 (date): text` read as a one-key mapping."""
    keys = list(entry)
    return (
        len(keys) == 1
        and isinstance(keys[0], str)
        and keys[0] != "version"
        and _HEAD.match(keys[0]) is not None
        and isinstance(entry[keys[0]], str)
    )


def _keyed_entry(
    document: Document,
    first: YamlMap,
    lead: str,
    content: tuple[str, str, str],
    quoted: bool,
) -> _Lines:
    new, date, entry_text = content
    old_key = next(iter(first))
    assert isinstance(old_key, str)
    head = _head_parts(old_key, new, date)[0]
    key_lead = f"{lead}{head}: "
    model = _model_of(document, first, old_key, quoted)
    body = entry_text if model.style in ("|", ">") else _folded(entry_text)
    return _Lines(_render(key_lead, body, model), entry_text, head)


def _key_source(document: Document, mapping: YamlMap, key: str) -> str:
    span = document.key_span(mapping, key)
    between = document.text[
        span.end.index : document.value_span(mapping, key).start.index
    ]
    colon = between.split("\n")[0].rstrip() if ":" in between else ":"
    return document.source(span) + colon.rstrip("\r") + " "


def _mapping_value(
    document: Document, mapping: YamlMap, key: str, lead: str, value: str, quoted: bool
) -> list[str]:
    existing = mapping[key]
    if isinstance(existing, YamlList) and existing and not existing.is_flow:
        item = document.value_span(existing, 0)
        inner = document.text[document.line_start(item.start.line) : item.start.index]
        model = _model_of(document, existing, 0, quoted)
        body = value if model.style in ("|", ">") else _folded(value)
        return [lead.rstrip(), *_render(inner, body, model)]
    if isinstance(existing, (YamlMap, YamlList)):
        return _render(lead, _folded(value), _Model('"'))
    model = _model_of(document, mapping, key, quoted)
    body = value if model.style in ("|", ">") else _folded(value)
    return _render(lead, body, model)


def _flow_entry(
    document: Document,
    entries: YamlList,
    first: Span,
    content: tuple[str, str, str],
    quoted: bool,
) -> _Entry:
    new, date, entry_text = content
    sample = entries[0] if isinstance(entries[0], str) else ""
    body = _head_like(sample, new, date) + _folded(entry_text)
    style = first.style if first.style in ("", '"', "'") and not quoted else '"'
    line = _render("", body, _Model(style or ""))[0]
    return _Entry(Edit(first.start.index, first.start.index, line + ", "), body, None)


def _model_of(
    document: Document, parent: YamlMap | YamlList, key: object, quoted: bool
) -> _Model:
    span = document.value_span(parent, key)
    style = span.style or ""
    if style not in ("", '"', "'", "|", ">") or (quoted and style == ""):
        style = '"'
    lines = document.source(span).splitlines()
    if style in ("|", ">"):
        header = _BLOCK_HEADER.match(lines[0])
        content = next((line for line in lines[1:] if line.strip()), "  ")
        indent = content[: len(content) - len(content.lstrip(" "))]
        return _Model(style, indent, header.group(0) if header else style)
    if len(lines) < 2:
        return _Model(style, None)
    second = lines[1]
    return _Model(style, second[: len(second) - len(second.lstrip(" "))])


def _head_like(sample: str, new: str, date: str) -> str:
    head, separator = _head_parts(sample, new, date)
    return head + separator


def _head_parts(sample: str, new: str, date: str) -> tuple[str, str]:
    """Return the new entry's version head and separator, in `sample`'s style."""
    found = _HEAD.match(sample)
    if found is None:
        return f"{new} ({date})", ": "
    head = found.group("v") + new
    if found.group("paren"):
        head += f" ({date})"
    return head, (found.group("sep") or ": ").rstrip() + " "


def _render(lead: str, body: str, model: _Model) -> list[str]:
    if model.style in ("|", ">"):
        return [lead + model.header, *_block_lines(body, model.wrap_indent or "  ")]
    opening = {'"': '"', "'": "'"}.get(model.style, "")
    escaped = _escape(body, model.style)
    if model.wrap_indent is None:
        return [f"{lead}{opening}{escaped}{opening}"]
    wrapper = textwrap.TextWrapper(
        width=WIDTH - len(opening),
        initial_indent=lead + opening,
        subsequent_indent=model.wrap_indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    lines = wrapper.wrap(escaped) or [lead + opening]
    lines[-1] += opening
    return lines


def _block_lines(body: str, indent: str) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    lines: list[str] = []
    for line in body.strip("\n").splitlines():
        stripped = line.rstrip()
        if not stripped:
            lines.append("")
            continue
        more = stripped[: len(stripped) - len(stripped.lstrip())]
        wrapper.initial_indent = wrapper.subsequent_indent = indent + more
        lines += wrapper.wrap(stripped.lstrip())
    return lines


def _escape(body: str, style: str) -> str:
    if style == '"':
        body = body.replace("\\", "\\\\").replace('"', '\\"')
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", body)
    if style == "'":
        return body.replace("'", "''")
    return body


def _folded(text: str) -> str:
    return " ".join(text.split())


def _blank_after_first(document: Document, entries: YamlList) -> bool:
    if len(entries) < 2:
        return False
    end = document.content_end(entries, 0)
    second = document.value_span(entries, 1)
    between = document.text[end : document.line_start(second.start.line)]
    return len(_BREAK.findall(between)) > 1


def _after_line(text: str, index: int) -> _Place:
    found = _BREAK.search(text, index)
    if found is None:
        return _Place(len(text), _newline(text))
    return _Place(found.end(), "")


def _merge(text: str, first: Edit, second: Edit) -> Edit:
    middle = text[first.end : second.start]
    return Edit(first.start, second.end, first.new + middle + second.new)


def _joined(lines: list[str], text: str) -> str:
    newline = _newline(text)
    return "".join(line + newline for line in lines)


def _newline(text: str) -> str:
    found = _BREAK.search(text)
    return found.group(0) if found else "\n"


def _reads_back(new_text: str, entry: _Entry, new: str) -> bool:
    try:
        root = load(new_text).root
    except YamlError:
        return False
    if not isinstance(root, YamlMap):
        return False
    fields = _version_fields(root, "")
    if any(str(parent[key]) != new for parent, key in fields):
        return False
    found = _find_changelog(root)
    if found is None or not isinstance(found[1], list) or not found[1]:
        return False
    written = found[1][0]
    if entry.text_key is not None:
        written = written.get(entry.text_key) if isinstance(written, dict) else None
        if isinstance(written, list) and written:
            written = written[0]
    return isinstance(written, str) and _folded(written) == _folded(entry.expected)
