"""Read-only views of a spec: rows, header and status counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ._spec import ACRow, ACTable, Spec

NO_STATUS = "unmarked"


def row_record(spec: Spec, row: ACRow) -> dict[str, Any]:
    table = spec.tables[row.table]
    return {
        "id": row.ac_id,
        "table": table.heading,
        "line": row.line,
        "cells": [cell.text for cell in row.cells],
        "status": row.status,
        "status_version": row.status_version,
    }


def rows_report(spec: Spec) -> dict[str, Any]:
    return {
        "spec": spec.path,
        "version": spec.version,
        "rows": [row_record(spec, row) for table in spec.tables for row in table.rows],
    }


def header_report(spec: Spec) -> dict[str, Any]:
    return {
        "spec": spec.path,
        "version": spec.version,
        "version_line": spec.version_line.line,
        "fields": [
            {"key": h.key, "value": h.value, "line": h.line, "version": h.version}
            for h in spec.header
        ],
        "date_history": [
            {"date": e.date, "version": e.version, "summary": e.summary}
            for e in spec.date_history
        ],
        "amendments": [
            {
                "version": a.version,
                "date": a.date,
                "note": a.note,
                "line": a.line,
                "end_line": spec.source.line_of(a.end),
            }
            for a in spec.amendments
        ],
        "section_amendments": [
            {
                "version": s.version,
                "date": s.date,
                "title": s.title,
                "line": s.line,
                "end_line": spec.source.line_of(s.end),
            }
            for s in spec.section_amendments
        ],
    }


def table_counts(table: ACTable) -> dict[str, Any]:
    counts = Counter(row.status or NO_STATUS for row in table.rows)
    with_status = sum(1 for row in table.rows if row.status)
    total = len(table.rows)
    return {
        "table": table.heading,
        "line": table.line,
        "rows": total,
        "with_status": with_status,
        "percent": round(100.0 * with_status / total, 1) if total else 0.0,
        "counts": dict(sorted(counts.items())),
    }


def status_report(spec: Spec) -> dict[str, Any]:
    return {
        "spec": spec.path,
        "version": spec.version,
        "tables": [table_counts(table) for table in spec.tables],
    }


def format_rows(spec: Spec) -> str:
    lines = [f"{spec.path}: version {spec.version}, {len(spec.rows)} AC rows"]
    for table in spec.tables:
        lines.append("")
        lines.append(f"{table.heading or '(no heading)'} (line {table.line})")
        width = max(len(row.ac_id) for row in table.rows)
        for row in table.rows:
            status = row.status or NO_STATUS
            if row.status_version:
                status += f" v{row.status_version}"
            lines.append(f"  {row.ac_id:<{width}}  {status:<34} line {row.line}")
    return "\n".join(lines)


def format_header(spec: Spec) -> str:
    lines = [f"{spec.path}"]
    for field in spec.header:
        value = field.value if len(field.value) <= 100 else field.value[:97] + "..."
        lines.append(f"  {field.key}: {value}  (line {field.line})")
    lines.append(f"Date history: {len(spec.date_history)} entries")
    for entry in spec.date_history:
        version = f"v{entry.version}" if entry.version else "-"
        summary = (
            entry.summary if len(entry.summary) <= 80 else entry.summary[:77] + "..."
        )
        lines.append(f"  {entry.date}  {version:<9} {summary}".rstrip())
    lines.append(f"Amendment blocks: {len(spec.amendments)}")
    for block in spec.amendments:
        note = f", {block.note}" if block.note else ""
        lines.append(f"  v{block.version} ({block.date}{note})  line {block.line}")
    lines.append(f"Section amendments: {len(spec.section_amendments)}")
    for section in spec.section_amendments:
        lines.append(
            f"  v{section.version} ({section.date})  line {section.line}: "
            f"{section.title}"
        )
    return "\n".join(lines)


def format_status(spec: Spec) -> str:
    lines = [f"{spec.path}: version {spec.version}"]
    for table in spec.tables:
        info = table_counts(table)
        counts = ", ".join(f"{k} {v}" for k, v in info["counts"].items())
        lines.append(
            f"{table.heading or '(no heading)'}: {info['with_status']}/{info['rows']} "
            f"rows with a status ({info['percent']}%): {counts}"
        )
    return "\n".join(lines)
