"""The status rule: how a gate's fields give its state, and a row its marker state.

A gate's state is its `discharge_status` when it has one (a state of `order`, or
an alias such as `ACTIVE_WITH_LIVE_EVIDENCE` counting as `DISCHARGED`). Without
one, its `verdict` decides, compared without case and surrounding space: a pass
verdict gives the strongest state (the last of `order`), a fail verdict or one
starting with a fail prefix (`FALSIFIED — CATASTROPHIC`) the weakest (the first),
anything else `default_state`. The contract's top-level `status` never enters.
An AC row takes the weakest state among the items that bind it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from ._contracts import BindingItem
from ._errors import SpecdocError

DEFAULT_ORDER = ("FAILED", "PENDING", "PARTIAL_ALGORITHM_LEVEL", "DISCHARGED")


def _default_aliases() -> Mapping[str, str]:
    return MappingProxyType({"ACTIVE_WITH_LIVE_EVIDENCE": "DISCHARGED"})


@dataclass(frozen=True)
class StatusRule:
    """The configurable rule, read from `[tool.specdoc.status_rule]`.

    `order` lists the states weakest first.
    """

    order: tuple[str, ...] = DEFAULT_ORDER
    discharge_aliases: Mapping[str, str] = field(
        default_factory=_default_aliases, hash=False
    )
    pass_verdicts: tuple[str, ...] = ("pass",)
    fail_verdicts: tuple[str, ...] = ("fail", "failed")
    fail_prefixes: tuple[str, ...] = ("falsified",)
    default_state: str = "PENDING"

    def __post_init__(self) -> None:
        problem = _inconsistency(self)
        if problem:
            raise ValueError(problem)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], source: str) -> StatusRule:
        """Build a rule from a settings table; raise `SpecdocError` on a bad one."""
        known = [item.name for item in fields(cls)]
        for key in data:
            if key not in known:
                raise SpecdocError(
                    f"unknown key `{key}` in the status rule",
                    source,
                    None,
                    _did_you_mean(key, known),
                )
        try:
            return cls(
                order=_words(data, "order", source),
                discharge_aliases=_aliases(data, source),
                pass_verdicts=_words(data, "pass_verdicts", source),
                fail_verdicts=_words(data, "fail_verdicts", source),
                fail_prefixes=_words(data, "fail_prefixes", source),
                default_state=_state(data, source),
            )
        except ValueError as err:
            raise SpecdocError(
                f"status rule: {err}",
                source,
                None,
                "make every state the rule names part of `order`",
            ) from None

    @property
    def strongest(self) -> str:
        """The state a pass verdict gives."""
        return self.order[-1]

    @property
    def weakest(self) -> str:
        """The state a fail verdict gives."""
        return self.order[0]

    def rank(self, state: str) -> int:
        """Return the position of `state` in `order` (0 is the weakest)."""
        return self.order.index(state)


@dataclass(frozen=True)
class ItemState:
    """The state of one binding item, and the field that gave it."""

    item: BindingItem
    state: str
    reason: str

    def describe(self, where: Callable[[BindingItem], str] | None = None) -> str:
        """Say which item this is, where (``path:line`` unless ``where`` says
        otherwise), and why it holds its state."""
        name = self.item.item_id or f"an item of {self.item.list_key} without id"
        why = self.reason
        if not why.endswith((f"(counts as {self.state})", f": {self.state}")):
            why = f"{why} -> {self.state}"
        place = where(self.item) if where else self.item.where
        return f"{name} ({place}, {why})"


@dataclass(frozen=True)
class RowState:
    """The state of one AC row: the weakest of its binding items."""

    ac_id: str
    state: str
    items: tuple[ItemState, ...]
    deciding: ItemState
    explanation: str


def unknown_discharge_status(item: BindingItem, rule: StatusRule) -> bool:
    """Tell whether `item` has a `discharge_status` the rule does not know."""
    status = item.discharge_status
    if status is None:
        return False
    return (
        status.strip() not in rule.order
        and status.strip() not in rule.discharge_aliases
    )


def item_state(item: BindingItem, rule: StatusRule) -> ItemState:
    """Return the state the rule gives `item`."""
    if item.discharge_status is not None:
        return _from_discharge_status(item, item.discharge_status, rule)
    if item.verdict is None or not item.verdict.strip():
        return ItemState(item, rule.default_state, "no discharge_status or verdict")
    return ItemState(
        item, _from_verdict(item.verdict, rule), f"verdict: {item.verdict}"
    )


def row_state(ac_id: str, items: Sequence[BindingItem], rule: StatusRule) -> RowState:
    """Return the state of row `ac_id`; raise `ValueError` if no item binds it."""
    if not items:
        raise ValueError(f"no binding item for {ac_id}")
    states = tuple(item_state(item, rule) for item in items)
    deciding = min(states, key=lambda one: rule.rank(one.state))
    return RowState(
        ac_id, deciding.state, states, deciding, explain(states, deciding, rule)
    )


def _from_discharge_status(
    item: BindingItem, status: str, rule: StatusRule
) -> ItemState:
    key = status.strip()
    if key in rule.order:
        return ItemState(item, key, f"discharge_status: {status}")
    if key in rule.discharge_aliases:
        state = rule.discharge_aliases[key]
        return ItemState(item, state, f"discharge_status: {status} (counts as {state})")
    state = rule.default_state
    reason = f"discharge_status: {status} is unknown (counts as {state})"
    return ItemState(item, state, reason)


def _from_verdict(verdict: str, rule: StatusRule) -> str:
    said = verdict.strip().casefold()
    if said in (word.casefold() for word in rule.pass_verdicts):
        return rule.strongest
    if said in (word.casefold() for word in rule.fail_verdicts):
        return rule.weakest
    if any(said.startswith(prefix.casefold()) for prefix in rule.fail_prefixes):
        return rule.weakest
    return rule.default_state


def explain(
    states: tuple[ItemState, ...],
    deciding: ItemState,
    rule: StatusRule,
    where: Callable[[BindingItem], str] | None = None,
) -> str:
    """Explain a row's state: how many items, which one decided, the others."""
    count = len(states)
    noun = "binding item" if count == 1 else "binding items"
    lead = f"1 {noun}" if count == 1 else f"weakest of {count} {noun}"
    text = f"{deciding.state}: {lead}; decided by {deciding.describe(where)}"
    others = Counter(one.state for one in states if one is not deciding)
    if others:
        ranked = sorted(others.items(), key=lambda pair: -rule.rank(pair[0]))
        text += "; others: " + ", ".join(f"{n} {state}" for state, n in ranked)
    return text


def _did_you_mean(key: str, known: Sequence[str]) -> str:
    near = difflib.get_close_matches(key, known, n=1)
    if near:
        return f"did you mean `{near[0]}`?"
    return "valid keys: " + ", ".join(known)


def _words(data: Mapping[str, object], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, getattr(_DEFAULT, key))
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        raise SpecdocError(
            f"status rule: `{key}` must be a list of strings",
            source,
            None,
            f"for example {key} = {_example(key)}",
        )
    return tuple(value)


def _state(data: Mapping[str, object], source: str) -> str:
    value = data.get("default_state", _DEFAULT.default_state)
    if not isinstance(value, str):
        raise SpecdocError(
            "status rule: `default_state` must be a string",
            source,
            None,
            'for example default_state = "PENDING"',
        )
    return value


def _aliases(data: Mapping[str, object], source: str) -> Mapping[str, str]:
    value = data.get("discharge_aliases", _DEFAULT.discharge_aliases)
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise SpecdocError(
            "status rule: `discharge_aliases` must map names to states",
            source,
            None,
            'for example discharge_aliases = { LIVE = "DISCHARGED" }',
        )
    return MappingProxyType(dict(value))


def _example(key: str) -> str:
    sample = getattr(_DEFAULT, key)
    return "[" + ", ".join(f'"{word}"' for word in sample) + "]"


def _inconsistency(rule: StatusRule) -> str | None:
    order = rule.order
    if not order or len(set(order)) != len(order):
        return "`order` must name each state once, weakest first"
    if rule.default_state not in order:
        return f"default_state {rule.default_state!r} is not in `order`"
    for name, state in rule.discharge_aliases.items():
        if state not in order:
            return (
                f"discharge alias {name!r} points to {state!r}, which is not in `order`"
            )
    return None


_DEFAULT = StatusRule()
