"""The spec parser on small documents in the real shapes."""

from __future__ import annotations

import pytest

from specdoc import SpecdocError
from specdoc._source import Source, decode
from specdoc._spec import ParseOptions, parse_spec

HEADER = """# Spec: Demo

**Document ID:** SPEC-DEMO
**Version:** 1.2.0
**Status:** draft
**Date:** 2026-01-01 (v1.0.0) / 2026-01-05 (v1.1.0 split A / B (both halves)) / 2026-01-09 (v1.2.0 rows)

"""


def parse(text: str) -> object:
    return parse_spec(Source("spec.md", text), ParseOptions())


def table(*rows: str, header: str = "| ID | Criterion | Verification |") -> str:
    return "\n".join([header, "|----|-----------|--------------|", *rows]) + "\n"


def test_rows_cells_and_markers() -> None:
    text = (
        HEADER
        + "## 2. Criteria\n\n"
        + table(
            "| AC-DEMO-001 | uses `a \\| b` and ≥ × — | FALSIFY-DEMO-001 **(PENDING v1.1.0)** |",
            "| AC-DEMO-002   |  ragged     padding   | FALSIFY-DEMO-002 |",
        )
    )
    spec = parse(text)
    one, two = spec.rows.values()
    assert one.cells[1].text == "uses `a \\| b` and ≥ × —"
    assert (one.status, one.status_version) == ("PENDING", "1.1.0")
    assert two.cells[1].text == "ragged     padding"
    assert two.status is None and not two.has_marker
    assert spec.tables[0].heading == "2. Criteria"
    assert one.line == text[: text.index("| AC-DEMO-001")].count("\n") + 1
    assert text[one.cells[2].start : one.cells[2].end].endswith("v1.1.0)**")


def test_only_bare_ids_in_the_first_column_make_ac_rows() -> None:
    text = HEADER + table(
        "| AC-DEMO-001 FAIL on teacher | block ship | x |",
        "| AC-DEMO-002 (renamed) | y | z |",
    )
    assert parse(text).rows == {}


def test_tables_in_code_blocks_and_lists_are_not_ac_tables() -> None:
    text = (
        HEADER
        + "```\n"
        + table("| AC-DEMO-001 | a | b |")
        + "```\n\n- item\n\n  "
        + table("| AC-DEMO-002 | a | b |").replace("\n", "\n  ")
    )
    assert parse(text).rows == {}


def test_status_column_tables() -> None:
    text = HEADER + table(
        "| AC-DEMO-001 | a | lane | PENDING |",
        "| AC-DEMO-002 | b | lane | DISCHARGED v1.1.0 |",
        "| AC-DEMO-003 | c | lane |  |",
        header="| ID | Criterion | Owner | Status |",
    ).replace("|----|-----------|--------------|", "|---|---|---|---|")
    rows = parse(text).rows
    assert rows["AC-DEMO-001"].status == "PENDING"
    assert rows["AC-DEMO-001"].status_version is None
    assert (rows["AC-DEMO-002"].status, rows["AC-DEMO-002"].status_version) == (
        "DISCHARGED",
        "1.1.0",
    )
    assert not rows["AC-DEMO-003"].has_marker


def test_a_table_markdown_rejects_is_an_error_naming_its_line() -> None:
    text = HEADER + table("| AC-DEMO-001 | a | b |", "| AC-DEMO-002 | only two |")
    with pytest.raises(SpecdocError) as caught:
        parse(text)
    assert caught.value.line == HEADER.count("\n") + 3
    assert "AC-DEMO-001" in caught.value.problem


def test_duplicate_ids_name_both_lines() -> None:
    text = HEADER + table("| AC-DEMO-001 | a | b |", "| AC-DEMO-001 | c | d |")
    with pytest.raises(SpecdocError) as caught:
        parse(text)
    first = HEADER.count("\n") + 3
    assert caught.value.line == first + 1
    assert f"first on line {first}" in caught.value.problem


@pytest.mark.parametrize(
    ("header", "needle"),
    [
        ("# T\n\n**Status:** x\n", "no `**Version:** X.Y.Z` line"),
        ("# T\n\n**Version:** 2.25\n", "not a semantic version"),
    ],
)
def test_version_line_is_required_and_semver(header: str, needle: str) -> None:
    with pytest.raises(SpecdocError) as caught:
        parse(header)
    assert needle in str(caught.value)
    assert caught.value.exit_code == 2


def test_non_utf8_names_the_line() -> None:
    with pytest.raises(SpecdocError) as caught:
        decode("spec.md", b"# T\n\n**Version:** 1.0.0\n\xff\n")
    assert caught.value.line == 4
    assert "UTF-8" in str(caught.value)


def test_date_history_keeps_separators_inside_summaries() -> None:
    spec = parse(HEADER)
    assert [(e.date, e.version) for e in spec.date_history] == [
        ("2026-01-01", "1.0.0"),
        ("2026-01-05", "1.1.0"),
        ("2026-01-09", "1.2.0"),
    ]
    assert spec.date_history[1].summary == "split A / B (both halves)"


@pytest.mark.parametrize("date", ["", "**Date:** 2026-04-10\n"])
def test_bare_or_missing_date_parses(date: str) -> None:
    spec = parse("# T\n\n**Version:** 1.0.0\n" + date)
    if date:
        assert spec.date_line is not None
        assert [(e.date, e.version) for e in spec.date_history] == [
            ("2026-04-10", None)
        ]
    else:
        assert spec.date_line is None and spec.date_history == []


def test_amendment_blocks_end_at_bold_paragraph_or_heading() -> None:
    text = HEADER + (
        "**v1.2.0 amendment (2026-01-09, late rows):** first line\n"
        "continues here.\n\n"
        "1. **a list item** in the block\n"
        "   - nested\n\n"
        "plain paragraph, still the block.\n\n"
        "**Pattern noted:** a bold paragraph ends it.\n\n"
        "**v1.1.0 amendment (2026-01-05):** older\n\n"
        "## 1. Body\n"
    )
    spec = parse(text)
    newest, older = spec.amendments
    assert (newest.version, newest.date, newest.note) == (
        "1.2.0",
        "2026-01-09",
        "late rows",
    )
    assert text[newest.start : newest.end].endswith("still the block.")
    assert text[older.start : older.end] == "**v1.1.0 amendment (2026-01-05):** older"


def test_section_amendments_and_next_action_lines() -> None:
    text = (
        "# T\n\n**Version:** 2.0.0\n**Atomic next action (v2.00.0):** ship it\n"
        "**Date:** 2026-01-01 (v1.0.0)\n\n## 9. Late work (v1.5.0 amendment, 2026-01-03)\n\n"
        "body\n\n### 9.1 more\n\n## 10. Next\n"
    )
    spec = parse(text)
    assert [(h.version, h.value) for h in spec.next_actions] == [("v2.00.0", "ship it")]
    (section,) = spec.section_amendments
    assert (section.version, section.date) == ("1.5.0", "2026-01-03")
    assert text[section.start : section.end].endswith("### 9.1 more")


def test_crlf_and_bom_offsets_point_into_the_original_text() -> None:
    text = (HEADER + table("| AC-DEMO-001 | a | FALSIFY-DEMO-001 |")).replace(
        "\n", "\r\n"
    )
    source = decode("spec.md", ("\ufeff" + text).encode())
    spec = parse_spec(source, ParseOptions())
    row = spec.rows["AC-DEMO-001"]
    assert source.text[row.start : row.end] == "| AC-DEMO-001 | a | FALSIFY-DEMO-001 |"
    assert source.text[spec.version_line.start : spec.version_line.end] == "1.2.0"
    assert source.encode() == ("\ufeff" + text).encode()
