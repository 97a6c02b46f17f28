"""Load YAML fast, remembering where every key and value sits in the text.

The loader reads the event stream of ruamel.yaml's C parser
(`ruamel.yaml.cyaml.CParser`, built on libyaml) and builds plain Python values here,
in one pass. On the real contracts (19 KB on average) this takes about 0.6 ms a
file; composing a node tree through the same C parser takes as long before any
conversion (0.8 ms with it), ruamel's C-based safe loader 1.1 ms (and it keeps no
positions), ruamel's round-trip loader about 20 ms.

Values are plain: `YamlMap` (a dict) for mappings, `YamlList` (a list) for
sequences, `str`, `int`, `bool` and `None` for scalars. Only plain (unquoted)
scalars are resolved, following the YAML 1.2 core schema for null, booleans and
integers as ruamel's safe loader reads them (`2_000`, `0x1F` and `007` are ints);
every other scalar stays a string, including floats (`version: 1.0` gives "1.0")
and dates. Positions come from the parser's marks: a mapping knows
the line of each of its keys, and `Document` turns marks into `Mark`s with a
1-based line and column and a 0-based character index into the text as given
(a leading BOM and CRLF line ends included).

Limits: merge keys (`<<`) are kept as ordinary keys; a mapping or sequence used
as a key becomes the `repr` of its value; a stream with more than one document is
refused. Line numbers count the line breaks libyaml knows (CR, LF, CRLF, NEL and
the Unicode line and paragraph separators), which can differ from an editor's
count when a file holds NEL or U+2028/U+2029. The C parser comes from
ruamel.yaml.clib, which exists for CPython only, so specdoc does not run on PyPy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # not in __all__
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

BOM = "\ufeff"

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_INTEGER = re.compile(r"[-+]?[0-9][0-9_]*\Z|0x[0-9a-fA-F_]+\Z|0o[0-7_]+\Z|0b[01_]+\Z")
_WORDS: dict[str, object] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_NUMBER_START = frozenset("0123456789+-")


@dataclass(frozen=True)
class Mark:
    """A place in the text: 1-based line and column, 0-based character index."""

    line: int
    column: int
    index: int


@dataclass(frozen=True)
class Span:
    """Where a key or value sits, and how a scalar is written.

    `style` is "" for a plain scalar, "'" or '"' for a quoted one, "|" or ">" for a
    block scalar, "*" for an alias, and None for a mapping or sequence.
    """

    start: Mark
    end: Mark
    style: str | None


class YamlError(Exception):
    """A file that is not YAML we can read, located by 1-based line and column."""

    def __init__(self, line: int, column: int, problem: str) -> None:
        self.line = line
        self.column = column
        self.problem = problem
        super().__init__(f"line {line}, column {column}: {problem}")


class YamlMap(dict[object, object]):
    """A mapping that remembers the events of its keys and values."""

    __slots__ = ("_end", "_flow", "_slots", "_start")
    _start: Any
    _end: Any
    _flow: bool
    _slots: dict[object, tuple[Any, Any]]

    def key_line(self, key: object) -> int:
        """Return the 1-based line of `key`."""
        return _start_line(self._slots[key][0])

    @property
    def key_lines(self) -> dict[object, int]:
        """The 1-based line of each key."""
        return {key: _start_line(pair[0]) for key, pair in self._slots.items()}

    @property
    def line(self) -> int:
        """The 1-based line where the mapping starts."""
        return int(self._start.line) + 1

    @property
    def is_flow(self) -> bool:
        """Whether the mapping is written in flow style (`{a: 1}`)."""
        return bool(self._flow)


class YamlList(list[object]):
    """A sequence that remembers the events of its items."""

    __slots__ = ("_end", "_flow", "_slots", "_start")
    _start: Any
    _end: Any
    _flow: bool
    _slots: list[Any]

    def item_line(self, index: int) -> int:
        """Return the 1-based line where item `index` starts."""
        return _start_line(self._slots[index])

    @property
    def line(self) -> int:
        """The 1-based line where the sequence starts."""
        return int(self._start.line) + 1

    @property
    def is_flow(self) -> bool:
        """Whether the sequence is written in flow style (`[a, b]`)."""
        return bool(self._flow)


Container = YamlMap | YamlList


def _start_line(holder: Any) -> int:
    mark = (
        holder._start if isinstance(holder, (YamlMap, YamlList)) else holder.start_mark
    )
    return int(mark.line) + 1


class Document:
    """A parsed YAML text: its plain value and the positions behind it."""

    def __init__(self, text: str, root: object) -> None:
        self.text = text
        self.root = root
        self._starts: list[int] | None = None

    def mark(self, raw: Any) -> Mark:
        """Turn a parser mark into a `Mark` of this text."""
        line, column = int(raw.line), int(raw.column)
        starts = self._line_starts()
        return Mark(line + 1, column + 1, starts[min(line, len(starts) - 1)] + column)

    def span(self, node: Container) -> Span:
        """Return the span of a mapping or sequence of this document."""
        return Span(self.mark(node._start), self.mark(node._end), None)

    def key_span(self, mapping: YamlMap, key: object) -> Span:
        """Return the span of `key` itself in `mapping`."""
        return self._span_of(mapping._slots[key][0])

    def value_span(self, parent: Container, key: object) -> Span:
        """Return the span of the value at `key` (a mapping key or a list index)."""
        return self._span_of(self._holder(parent, key))

    def content_end(self, parent: Container, key: object) -> int:
        """Return the index just after the last character of the value at `key`.

        Unlike a span's end, this skips the blank lines a block scalar or a block
        mapping or sequence takes in after its content.
        """
        holder = self._holder(parent, key)
        if isinstance(holder, (YamlMap, YamlList)):
            if holder._flow or not holder._slots:
                return self.span(holder).end.index
            last = next(reversed(holder._slots)) if isinstance(holder, YamlMap) else -1
            return self.content_end(holder, last)
        end = self.mark(holder.end_mark).index
        if isinstance(holder, ScalarEvent) and holder.style in ("|", ">"):
            end = len(self.text[:end].rstrip())
        return end

    def source(self, span: Span) -> str:
        """Return the text a span covers."""
        return self.text[span.start.index : span.end.index]

    def line_start(self, line: int) -> int:
        """Return the character index where 1-based `line` begins."""
        starts = self._line_starts()
        return starts[min(line - 1, len(starts) - 1)]

    def _holder(self, parent: Container, key: object) -> Any:
        if isinstance(parent, YamlMap):
            return parent._slots[key][1]
        if not isinstance(key, int):
            raise TypeError("a sequence is indexed by int")
        return parent._slots[key]

    def _span_of(self, holder: Any) -> Span:
        if isinstance(holder, (YamlMap, YamlList)):
            return self.span(holder)
        style = "*" if isinstance(holder, AliasEvent) else str(holder.style)
        return Span(self.mark(holder.start_mark), self.mark(holder.end_mark), style)

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            first = 1 if self.text.startswith(BOM) else 0
            self._starts = [first] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts


def load(text: str) -> Document:
    """Parse `text` (one YAML document) into a `Document`; raise `YamlError`."""
    parser = CParser(text)
    try:
        root = _build(parser)
    except ReaderError as err:
        raise _reader_error(text, err) from None
    except MarkedYAMLError as err:
        raise _marked_error(err) from None
    except YAMLError as err:
        raise YamlError(1, 1, str(err)) from None
    finally:
        parser.dispose()
    return Document(text, root)


def decode(data: bytes) -> str:
    """Decode UTF-8 bytes (a BOM is kept as U+FEFF); raise `YamlError` if not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlError(line, column, f"not UTF-8 text ({err.reason})") from None


def load_path(path: Path) -> Document:
    """Read and parse a YAML file; raise `YamlError` or `OSError`."""
    return load(decode(path.read_bytes()))


def _build(parser: Any) -> object:
    """Build the value from the parser's events (one loop: it is the hot path)."""
    stack: list[Any] = []
    pending: list[Any] = []
    anchors: dict[str, object] = {}
    root: object = None
    documents = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is ScalarEvent:
            value: object = _scalar(event)
            holder: Any = event
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            value = holder = _open(event, kind is MappingStartEvent)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()._end = event.end_mark
            pending.pop()
            continue
        elif kind is AliasEvent:
            value, holder = _alias(event, anchors), event
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _second_document(event)
            continue
        elif kind is StreamEndEvent:
            return root
        else:
            continue
        if event.anchor is not None and kind is not AliasEvent:
            anchors[event.anchor] = value
        if not stack:
            root = value
        else:
            _attach(stack[-1], pending, value, holder)
        if holder is value:
            stack.append(value)
            pending.append(None)


def _open(event: Any, is_mapping: bool) -> Container:
    node: Container
    if is_mapping:
        node = YamlMap()
        node._slots = {}
    else:
        node = YamlList()
        node._slots = []
    node._start = event.start_mark
    node._end = event.end_mark
    node._flow = bool(event.flow_style)
    return node


def _attach(top: Any, pending: list[Any], value: object, holder: Any) -> None:
    if type(top) is YamlList:
        top.append(value)
        top._slots.append(holder)
        return
    waiting = pending[-1]
    if waiting is None:
        pending[-1] = (value, holder)
        return
    key, key_holder = waiting
    if isinstance(key, (YamlMap, YamlList)):
        key = repr(key)
    top[key] = value
    top._slots[key] = (key_holder, holder)
    pending[-1] = None


def _scalar(event: Any) -> object:
    value: str = event.value
    if not event.implicit[0]:
        return value if event.ctag is None else _tagged(value, event.ctag)
    found = _WORDS.get(value, value)
    if found is not value:
        return found
    if value[0] in _NUMBER_START and _INTEGER.match(value):
        return _integer(value.replace("_", ""))
    return value


def _integer(digits: str) -> int:
    base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2], 10)
    return int(digits[2:] if base != 10 else digits, base)


def _tagged(value: str, tag: Any) -> object:
    name = "" if tag is None else str(tag)
    if name.endswith(":int"):
        try:
            return int(value, 0)
        except ValueError:
            return value
    if name.endswith(":bool") and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if name.endswith(":null"):
        return None
    return value


def _alias(event: Any, anchors: dict[str, object]) -> object:
    if event.anchor not in anchors:
        mark = event.start_mark
        raise YamlError(
            mark.line + 1, mark.column + 1, f"undefined alias *{event.anchor}"
        )
    return anchors[event.anchor]


def _second_document(event: Any) -> YamlError:
    mark = event.start_mark
    problem = "a second YAML document starts here; a contract holds one document"
    return YamlError(mark.line + 1, mark.column + 1, problem)


def _marked_error(err: MarkedYAMLError) -> YamlError:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or err.context or "YAML syntax error"
    if err.context and err.problem and err.context_mark is not None:
        where = err.context_mark.line + 1
        problem = f"{problem} ({err.context} started at line {where})"
    if mark is None:
        return YamlError(1, 1, problem)
    return YamlError(mark.line + 1, mark.column + 1, problem)


def _reader_error(text: str, err: ReaderError) -> YamlError:
    index = len(text.encode("utf-8")[: err.position].decode("utf-8", "ignore"))
    document = Document(text, None)
    starts = document._line_starts()
    line = sum(1 for start in starts if start <= index)
    column = index - starts[line - 1] + 1
    return YamlError(line, column, f"{err.reason} (character {err.character!r})")
