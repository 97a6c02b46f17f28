"""Benchmark specdoc on a repository at real scale.

Builds a repository from the real documents (a ~600 KB spec and 2,500 contracts
of ~20 KB, one in twenty of them binding AC rows), then times `specdoc check`,
`specdoc sync --dry-run` and `specdoc show` as new processes against two
baselines on the same files: loading every contract with ruamel.yaml's
round-trip loader, and reading every file's bytes. See benchmarks/README.md.

Usage, from the repository root:

    python benchmarks/run.py [--corpus DIR] [--keep DIR] [--repeat N]
                             [--baseline-repeat N] [--contracts N] [--json]

Exit codes: 0 every target met, 1 a target missed, 2 the benchmark could not
run (no corpus, bad option, or a command that crashed).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_ENV = "SPECDOC_CORPUS"
SPEC_SOURCE = "specs/ship-two-models-spec@v3.12.0.md"
SPEC_BYTES = 600_000
LOAD_TABLES = 3
LOAD_ROWS = 100
LOAD_MARKER = "**(PENDING v3.12.0)**"
CONTRACTS = 2_500
BINDING_EVERY = 20
FILES_PER_FOLDER = 50
FOLDERS_PER_AREA = 10
RUAMEL_WARMUP_FILES = 25
SEED = 20_260_417
SETTINGS = 'spec = "spec.md"\ncontracts = ["contracts/**/*.yaml"]\n'

CHECK_SECONDS = 1.0
CHECK_SPEEDUP = 30.0
PEAK_MB = 250.0

AC_ID = r"AC-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]+"
_ROW = re.compile(rf"^\|\s*(?P<id>{AC_ID})\s*\|(?P<rest>.*)$", re.M)
_FALSIFY = re.compile(r"FALSIFY-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]+")
_BINDING_KEY = re.compile(r"^[ \t]*(?:- )?(?:binds_to|discharges):", re.M)
_BINDS_TO = re.compile(
    rf"^(?P<head>[ \t]*(?:- )?binds_to:[ \t]+)(?P<id>{AC_ID})[ \t]*$", re.M
)
_DISCHARGES = re.compile(
    r"^(?P<head>[ \t]*(?:- )?discharges:[ \t]+)(?P<value>.+)$", re.M
)
_ID_LINE = re.compile(
    r"^(?P<head>(?:[ \t]*(?:- )?(?:id|contract_id)|name):[ \t]+)"
    r"(?P<value>[A-Za-z0-9_][^#\n]*?|\"[^\"\n]*\"|'[^'\n]*')[ \t]*$",
    re.M,
)
_WORDS = tuple(
    "the loader keeps every row in step with its gate evidence is archived under a "
    "pinned commit and hash replay yields byte-identical output for each shard "
    "after restart no drift between hosts budget holds at p99".split()
)
_SPANS = (
    "`apr check --strict`",
    "`cargo test -p loader`",
    "`sha256(manifest)`",
    "`--seed 42`",
    "`pass@1`",
    "`tokens/s`",
    "`a \\| b`",
)
_SYMBOLS = ("≥ 0.999", "× 4 hosts", "— see §4.2", "≤ 250 ms", "≥ 86.00%")

RUAMEL_CHILD = """\
import sys
from pathlib import Path
from ruamel.yaml import YAML
paths = sorted(Path(sys.argv[1]).glob("contracts/**/*.yaml"))
limit = int(sys.argv[2]) if len(sys.argv) > 2 else len(paths)
yaml = YAML()
for path in paths[:limit]:
    yaml.load(path.read_bytes())
"""
RUNNER_CHILD = """\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
peak_kb = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print(elapsed, peak_kb, os.waitstatus_to_exitcode(status))
"""
BYTES_CHILD = """\
import sys
from pathlib import Path
root = Path(sys.argv[1])
for path in [root / "spec.md", *sorted(root.glob("contracts/**/*.yaml"))]:
    path.read_bytes()
"""


class BenchmarkError(Exception):
    """The benchmark cannot run; the message says why and what to do."""


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class Source:
    """One corpus contract, and whether it carries binding keys."""

    stem: str
    text: str
    binds: bool


@dataclass
class RepoSize:
    """What was built, for the report."""

    path: str
    kept: bool
    spec_bytes: int
    contracts: int
    binding_contracts: int
    binding_items: int
    total_bytes: int

    def summary(self) -> str:
        return (
            f"spec {self.spec_bytes / 1e3:.0f} KB, {self.contracts} contracts "
            f"({self.binding_contracts} binding, {self.binding_items} binding "
            f"items), {self.total_bytes / 1e6:.1f} MB in all"
        )


def find_corpus(option: str | None) -> Path:
    """The corpus folder: --corpus, else $SPECDOC_CORPUS, else ../shared/corpus."""
    if option:
        candidate = Path(option)
    elif os.environ.get(CORPUS_ENV):
        candidate = Path(os.environ[CORPUS_ENV])
    else:
        candidate = REPO_ROOT.parent / "shared" / "corpus"
    if not (candidate / SPEC_SOURCE).is_file():
        raise BenchmarkError(
            f"no corpus at {candidate} (it must hold {SPEC_SOURCE}): pass "
            f"--corpus DIR or set {CORPUS_ENV}=DIR"
        )
    return candidate


def build_repo(corpus: Path, dest: Path, count: int) -> RepoSize:
    """Write the spec, `count` contracts and specdoc.toml into `dest`."""
    spec_text = (corpus / SPEC_SOURCE).read_text(encoding="utf-8")
    section, load_ids = synthetic_section(spec_text, random.Random(SEED))
    spec_path = dest / "spec.md"
    spec_path.write_text(spec_text + section, encoding="utf-8", newline="")
    (dest / "specdoc.toml").write_text(SETTINGS, encoding="utf-8")
    falsify = falsification_ids(spec_text + section)
    targets = binding_targets(load_ids, [i for i in falsify if i not in load_ids])
    written, binding, items = write_contracts(
        load_sources(corpus), dest / "contracts", count, targets, falsify
    )
    spec_bytes = spec_path.stat().st_size
    total = spec_bytes + written + len(SETTINGS.encode())
    return RepoSize(str(dest), False, spec_bytes, count, binding, items, total)


def synthetic_section(spec_text: str, rng: random.Random) -> tuple[str, list[str]]:
    """`## 99. Synthetic load`: AC tables that bring the spec to SPEC_BYTES."""
    lines = ["", "## 99. Synthetic load", ""]
    lines.append("Rows generated by the benchmark; contracts under `contracts/` bind")
    lines.append("some of them, so `sync` and `check` have real work to do.")
    base = len(spec_text.encode()) + len("\n".join(lines).encode())
    rows_left = LOAD_TABLES * LOAD_ROWS
    budget = SPEC_BYTES - base - LOAD_TABLES * 200
    ids: list[str] = []
    for table in range(1, LOAD_TABLES + 1):
        lines += ["", f"### 99.{table} Acceptance Criteria (load {table})", ""]
        lines += [
            "| ID            | Criterion                            | Verification |",
            "|---------------|--------------------------------------|--------------|",
        ]
        for number in range(1, LOAD_ROWS + 1):
            serial = (table - 1) * LOAD_ROWS + number
            ac_id = f"AC-LOAD{table}-{number:03d}"
            prefix = f"| {ac_id}   | "
            suffix = f" | FALSIFY-LOAD-{serial:03d} {LOAD_MARKER} |"
            room = budget // rows_left - len((prefix + suffix).encode())
            row = prefix + criterion(rng, max(room, 24)) + suffix
            budget -= len(row.encode()) + 1
            rows_left -= 1
            lines.append(row)
            ids.append(ac_id)
    return "\n".join(lines) + "\n", ids


def criterion(rng: random.Random, size: int) -> str:
    """Varied criterion text of about `size` bytes: words, code spans, symbols."""
    target = max(16, size + rng.randint(-size // 3, size // 3))
    parts: list[str] = [rng.choice(_WORDS).capitalize()]
    while len(" ".join(parts).encode()) < target:
        roll = rng.random()
        if roll < 0.08:
            parts.append(rng.choice(_SPANS))
        elif roll < 0.14:
            parts.append(rng.choice(_SYMBOLS))
        else:
            parts.append(rng.choice(_WORDS))
    return " ".join(parts)


def falsification_ids(spec_text: str) -> dict[str, str]:
    """Each AC row's id and the first FALSIFY id of its cells ('' when none)."""
    found: dict[str, str] = {}
    for match in _ROW.finditer(spec_text):
        named = _FALSIFY.search(match.group("rest"))
        found.setdefault(match.group("id"), named.group(0) if named else "")
    return found


def binding_targets(load_ids: Sequence[str], real_ids: Sequence[str]) -> Iterator[str]:
    """Rows to bind, endlessly: three synthetic rows, then one real row."""
    if not real_ids:
        raise BenchmarkError(f"{SPEC_SOURCE} has no AC rows: is the corpus intact?")
    real = itertools.cycle(real_ids)
    order: list[str] = []
    for position, ac_id in enumerate(load_ids):
        order.append(ac_id)
        if position % 3 == 2:
            order.append(next(real))
    return itertools.cycle(order)


def load_sources(corpus: Path) -> list[Source]:
    """Every corpus contract, in path order."""
    paths = sorted((corpus / "contracts").glob("**/*.yaml"))
    sources = [
        Source(path.stem, text, bool(_BINDING_KEY.search(text)))
        for path in paths
        for text in [path.read_text(encoding="utf-8")]
    ]
    if not any(source.binds for source in sources):
        raise BenchmarkError(f"no binding contract under {corpus / 'contracts'}")
    return sources


def write_contracts(
    sources: Sequence[Source],
    folder: Path,
    count: int,
    targets: Iterator[str],
    falsify: dict[str, str],
) -> tuple[int, int, int]:
    """Write `count` copies; return (bytes, binding contracts, binding items)."""
    binders = itertools.cycle([s for s in sources if s.binds])
    others = itertools.cycle(sources)
    written = binding = items = 0
    checked: set[tuple[str, bool]] = set()
    for copy in range(count):
        binds = copy % BINDING_EVERY == 0
        source = next(binders if binds else others)
        text = with_unique_ids(source.text, f"B{copy:04d}")
        if binds:
            text, bound = rebound(text, targets, falsify)
            binding, items = binding + 1, items + bound
        else:
            text = unbound(text)
        path = contract_path(folder, copy, source.stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        written += len(text.encode())
        if (source.stem, binds) not in checked or copy % 250 == 0:
            validate_yaml(path, text)
            checked.add((source.stem, binds))
    return written, binding, items


def contract_path(folder: Path, copy: int, stem: str) -> Path:
    """Nested folders: area-N/batch-NN/<stem>-NNNN.yaml, 50 files a folder."""
    batch = copy // FILES_PER_FOLDER
    area = batch // FOLDERS_PER_AREA
    return folder / f"area-{area}" / f"batch-{batch:02d}" / f"{stem}-{copy:04d}.yaml"


def with_unique_ids(text: str, tag: str) -> str:
    """Suffix every `id`, `contract_id` and top-level `name` value with `-tag`."""

    def tagged(match: re.Match[str]) -> str:
        value = match.group("value")
        if value[0] in "\"'":
            return f"{match.group('head')}{value[:-1]}-{tag}{value[-1]}"
        return f"{match.group('head')}{value}-{tag}"

    return _ID_LINE.sub(tagged, text)


def rebound(
    text: str, targets: Iterator[str], falsify: dict[str, str]
) -> tuple[str, int]:
    """Point each `binds_to: AC-…` and `discharges:` at the next target row."""
    bound = 0

    def binds_to(match: re.Match[str]) -> str:
        nonlocal bound
        bound += 1
        return match.group("head") + next(targets)

    def discharges(match: re.Match[str]) -> str:
        nonlocal bound
        bound += 1
        ac_id = next(targets)
        named = " / ".join(filter(None, (ac_id, falsify.get(ac_id, ""))))
        return f'{match.group("head")}"{named}"'

    text = _BINDS_TO.sub(binds_to, text)
    return _DISCHARGES.sub(discharges, text), bound


def unbound(text: str) -> str:
    """Remove every binding key from the text, prose mentions included."""
    text = text.replace("binds_to", "relates_to").replace("discharges", "closes")
    if "binds_to" in text or "discharges" in text:
        raise BenchmarkError("a non-binding copy still holds a binding key")
    return text


def validate_yaml(path: Path, text: str) -> None:
    """Load one generated file with ruamel.yaml's (C) safe loader."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML(typ="safe").load(text)
    except YAMLError as err:
        raise BenchmarkError(f"generated invalid YAML in {path}: {err}") from None


# ---------------------------------------------------------------- timing


@dataclass
class Command:
    """One command to time: its argv, the exit codes that count as success."""

    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    warmup_argv: list[str] | None = None

    @property
    def shown(self) -> str:
        """The argv for the report, with an inline script abbreviated."""
        if self.argv[1:2] == ["-c"]:
            return " ".join(["python", "-c", "<script>", *self.argv[3:]])
        return " ".join(["python", *self.argv[1:]])


@dataclass
class Result:
    """The samples of one command and what the report derives from them."""

    name: str
    shown: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return self.peak_kb * 1024 / 1e6


def child_env() -> dict[str, str]:
    """The environment for children: this checkout's specdoc comes first."""
    env = dict(os.environ)
    paths = [str(REPO_ROOT), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


def run_child(command: Command, argv: list[str], cwd: Path) -> tuple[float, int]:
    """Run `argv` as a new process; return its wall time and peak RSS (KB).

    A small launcher (RUNNER_CHILD) forks and times the command: on Linux a
    child's ru_maxrss starts from its parent's RSS, and this process is larger
    than the commands it measures.
    """
    launcher = [sys.executable, "-S", "-c", RUNNER_CHILD, *argv]
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(
            launcher,
            cwd=cwd,
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            check=False,
        )
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    try:
        seconds, peak_kb, code = done.stdout.split()
    except ValueError:
        raise BenchmarkError(f"the launcher failed:\n{stderr.rstrip()}") from None
    if int(code) not in command.ok_codes or "Traceback (most recent" in stderr:
        raise child_failed(command.name, code, command.shown, stderr)
    return float(seconds), int(peak_kb)


def child_failed(name: str, code: object, shown: str, stderr: str) -> BenchmarkError:
    """The error for a command that crashed, with its stderr."""
    detail = f"\n{stderr.rstrip()}" if stderr.strip() else ""
    return BenchmarkError(f"{name} failed (exit {code}): {shown}{detail}")


def commands(repo: Path) -> tuple[list[Command], Command]:
    """The specdoc commands and the bytes baseline, and the ruamel baseline."""
    specdoc = specdoc_argv(repo)
    found = (0, 1)
    raw = [sys.executable, "-c", BYTES_CHILD, str(repo)]
    fast = [
        Command("specdoc check", [*specdoc, "check"], found),
        Command("specdoc sync --dry-run", [*specdoc, "sync", "--dry-run"], found),
        Command("specdoc show", [*specdoc, "show"], found),
        Command("read bytes (baseline)", raw),
    ]
    ruamel = [sys.executable, "-c", RUAMEL_CHILD, str(repo)]
    slow = Command(
        "ruamel round-trip (baseline)",
        ruamel,
        warmup_argv=[*ruamel, str(RUAMEL_WARMUP_FILES)],
    )
    return fast, slow


def specdoc_argv(repo: Path) -> list[str]:
    """`python -m specdoc -C repo`, with this interpreter."""
    return [sys.executable, "-m", "specdoc", "-C", str(repo)]


def confirm_scope(repo: Path, count: int) -> None:
    """Fail unless `check --format json` reports every contract as seen."""
    argv = [*specdoc_argv(repo), "check", "--format", "json"]
    done = subprocess.run(
        argv, cwd=repo, env=child_env(), capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1) or "Traceback (most recent" in done.stderr:
        shown = " ".join(["python", *argv[1:]])
        raise child_failed("specdoc check", done.returncode, shown, done.stderr)
    seen = json.loads(done.stdout).get("contracts")
    if seen is not None and seen != count:
        raise BenchmarkError(f"specdoc check saw {seen} contracts, not {count}")


def measure(repo: Path, repeat: int, baseline_repeat: int) -> list[Result]:
    """Warm up once each, then time the fast commands in turns, then ruamel."""
    fast, slow = commands(repo)
    results = {c.name: Result(c.name, c.shown) for c in (*fast, slow)}
    for command in (*fast, slow):
        progress(f"warm-up: {command.name}")
        run_child(command, command.warmup_argv or command.argv, repo)
    for turn in range(repeat):
        progress(f"run {turn + 1}/{repeat}")
        for command in fast:
            record(results[command.name], *run_child(command, command.argv, repo))
    for turn in range(baseline_repeat):
        progress(f"ruamel baseline {turn + 1}/{baseline_repeat} (about a minute)")
        record(results[slow.name], *run_child(slow, slow.argv, repo))
    return list(results.values())


def record(result: Result, seconds: float, peak_kb: int) -> None:
    """Add one sample; the peak kept is the highest of all runs."""
    result.seconds.append(seconds)
    result.peak_kb = max(result.peak_kb, peak_kb)


# ---------------------------------------------------------------- report


@dataclass
class Target:
    """One target of principle 5 and whether this run met it."""

    name: str
    value: float
    limit: str
    passed: bool


def targets(results: Sequence[Result]) -> list[Target]:
    """check < 1 s, check >= 30x the ruamel baseline, every specdoc < 250 MB."""
    by_name = {r.name: r for r in results}
    check, ruamel = by_name["specdoc check"], by_name["ruamel round-trip (baseline)"]
    speedup = ruamel.median / check.median
    found = [
        Target(
            "check time (s)",
            check.median,
            f"< {CHECK_SECONDS:g}",
            check.median < CHECK_SECONDS,
        ),
        Target(
            "check speed-up vs ruamel",
            speedup,
            f">= {CHECK_SPEEDUP:g}",
            speedup >= CHECK_SPEEDUP,
        ),
    ]
    for result in results:
        if result.name.startswith("specdoc "):
            found.append(
                Target(
                    f"{result.name} peak (MB)",
                    result.peak_mb,
                    f"< {PEAK_MB:g}",
                    result.peak_mb < PEAK_MB,
                )
            )
    return found


def rows(results: Sequence[Result]) -> list[dict[str, Any]]:
    """One row per command: median, peak, speed-up and multiple of read-bytes."""
    by_name = {r.name: r for r in results}
    ruamel = by_name["ruamel round-trip (baseline)"].median
    raw = by_name["read bytes (baseline)"].median
    return [
        {
            "command": r.name,
            "argv": r.shown,
            "runs": len(r.seconds),
            "median_s": round(r.median, 4),
            "samples_s": [round(s, 4) for s in r.seconds],
            "peak_mb": round(r.peak_mb, 1),
            "speedup_vs_ruamel": round(ruamel / r.median, 1),
            "x_read_bytes": round(r.median / raw, 2),
        }
        for r in results
    ]


def table(
    size: RepoSize, lines: Sequence[dict[str, Any]], found: Sequence[Target]
) -> str:
    """The human report: repo size, timings, targets."""
    where = size.path if size.kept else f"{size.path} (temporary, removed)"
    out = [f"repo: {where}", f"size: {size.summary()}", ""]
    head = ("command", "median s", "peak MB", "vs ruamel", "x read-bytes", "runs")
    out.append(
        f"{head[0]:<30} {head[1]:>9} {head[2]:>8} {head[3]:>10} "
        f"{head[4]:>13} {head[5]:>5}"
    )
    for r in lines:
        out.append(
            f"{r['command']:<30} {r['median_s']:>9.3f} {r['peak_mb']:>8.1f} "
            f"{r['speedup_vs_ruamel']:>9.1f}x {r['x_read_bytes']:>12.1f}x "
            f"{r['runs']:>5}"
        )
    out += ["", "targets:"]
    for t in found:
        verdict = "PASS" if t.passed else "FAIL"
        out.append(f"  {verdict}  {t.name}: {t.value:.3f} (target {t.limit})")
    return "\n".join(out)


def progress(message: str) -> None:
    """A progress line on stderr, so stdout holds only the report."""
    print(f"benchmark: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a repository at real scale and time specdoc on it."
    )
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help=f"the real documents (default: ${CORPUS_ENV}, "
        "else ../shared/corpus from the repository root)",
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="build the repository in DIR (new or empty) and keep it",
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=5,
        metavar="N",
        help="runs of each specdoc command and of read-bytes (5)",
    )
    parser.add_argument(
        "--baseline-repeat",
        type=positive,
        default=1,
        metavar="N",
        help="runs of the ruamel baseline, ~1 min each (1)",
    )
    parser.add_argument(
        "--contracts",
        type=positive,
        default=CONTRACTS,
        metavar="N",
        help=f"contracts to build ({CONTRACTS}; targets assume it)",
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    return parser.parse_args(argv)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def prepare(keep: str | None) -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    """The folder to build in: --keep DIR (new or empty), else a temporary one."""
    if keep is None:
        holder = tempfile.TemporaryDirectory(prefix="specdoc-bench-")
        return Path(holder.name), holder
    dest = Path(keep)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BenchmarkError(f"--keep {dest}: must be a new or empty folder")
    dest.mkdir(parents=True, exist_ok=True)
    return dest.resolve(), None


def run(args: argparse.Namespace) -> int:
    """Build, measure, report; the exit code says whether every target was met."""
    if not hasattr(os, "wait4"):
        raise BenchmarkError("needs a POSIX system (os.fork and os.wait4)")
    corpus = find_corpus(args.corpus)
    dest, holder = prepare(args.keep)
    try:
        progress(f"building {args.contracts} contracts in {dest}")
        size = build_repo(corpus, dest, args.contracts)
        size.kept = holder is None
        progress(size.summary())
        confirm_scope(dest, args.contracts)
        results = measure(dest, args.repeat, args.baseline_repeat)
    finally:
        if holder is not None:
            holder.cleanup()
    lines, found = rows(results), targets(results)
    passed = all(t.passed for t in found)
    if args.json:
        report = {
            "repo": asdict(size),
            "commands": lines,
            "targets": [asdict(t) for t in found],
            "passed": passed,
        }
        print(json.dumps(report, indent=2))
    else:
        print(table(size, lines, found))
    return 0 if passed else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except BenchmarkError as err:
        print(f"benchmark: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
