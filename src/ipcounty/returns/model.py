"""A return as read: who sent it, for which year and date, its values, and every finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from ipcounty.findings import Finding

ReturnStatus = Literal["ok", "warning", "rejected", "skipped"]


# Value and Item are named tuples rather than dataclasses: a report over thousands of returns
# sends them between processes, and tuples pickle about four times faster.
class Value(NamedTuple):
    """One indicator's figure: a number, 是/否, or a qualitative state; where it was read."""

    code: str
    value: float | str | None
    cell: str
    note: str = ""
    baseline: float | None = None  # 基期值 of a stock goal, where the form asks for it


class Item(NamedTuple):
    """One row of a 明细 table: what it lists, its identifying key (canonical), where it is."""

    code: str
    key: str | None
    cell: str
    values: dict[str, Any]
    valid: bool = True


# What a report needs of one 明细 table: each row's key (None when it has none) and first cell,
# as two tuples of strings instead of a list of :class:`Item`. A plain pair, not a named tuple:
# a report over 10,000 returns sends about a million items' keys between processes, and plain
# tuples of strings are pickled and rebuilt by pickle's C code alone (a dict of them too).
ItemRefs = tuple[tuple[str | None, ...], tuple[str, ...]]


@dataclass
class Return:
    """Everything ipcounty learned from one file. ``status`` follows from the findings."""

    file: str
    sha256: str = ""
    unit: str | None = None
    year: int | None = None
    as_of: dt.date | None = None
    reporter: str = ""
    phone: str = ""
    values: dict[str, Value] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    stamp: dict[str, str] = field(default_factory=dict)
    skip_reason: str = ""  # set for a file under the returns folder that is not a return
    unit_hint: str = ""  # when ``unit`` could not be read: the unit its stamp or file name names
    _refs: dict[str, ItemRefs] | None = field(default=None, repr=False, compare=False)

    def item_refs(self) -> dict[str, ItemRefs]:
        """Each 明细 table's keys and cells, by indicator code."""
        if self._refs is not None:
            return self._refs
        return {c: (tuple(map(_key_of, its)), tuple(map(_cell_of, its))) for c, its in self.items.items()}

    def without_items(self) -> Return:
        """A copy that keeps :meth:`item_refs` but not the items themselves (their values are most
        of a return's size): what a worker process sends back for a report."""
        slim = object.__new__(Return)
        slim.__dict__ = {**self.__dict__, "items": {}, "_refs": self.item_refs()}
        return slim

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as plain tuples, rebuilt in C (see :func:`_rebuilt`): a report over 10,000
        returns sends every one from a worker process to the parent, and the named tuples and the
        dataclass would each be taken apart and made again by Python code."""
        d = self.__dict__
        values = self.values
        items = self.items
        refs = self._refs
        return (
            _rebuilt,
            (
                tuple(map(d.__getitem__, _PLAIN_FIELDS)),
                tuple(values),
                tuple(map(tuple, values.values())),
                (tuple(items), tuple([tuple(map(tuple, its)) for its in items.values()])) if items else None,
                refs,
            ),
        )

    def unit_label(self, lang: str) -> str:
        """The unit to show beside the file: the one read, else the guess (marked), else ?."""
        if self.unit:
            return self.unit
        if self.unit_hint:
            from ipcounty.i18n import tr

            return tr("unit-guessed", lang, unit=self.unit_hint)
        return "?"

    @property
    def skipped(self) -> bool:
        return bool(self.skip_reason)

    @property
    def status(self) -> ReturnStatus:
        if self.skipped:
            return "skipped"
        if any(f.severity == "error" for f in self.findings):
            return "rejected"
        if self.findings:
            return "warning"
        return "ok"

    @property
    def valid(self) -> bool:
        return self.status in ("ok", "warning")

    def number(self, code: str) -> float | None:
        v = self.values.get(code)
        return v.value if v is not None and isinstance(v.value, float) else None

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "status": self.status,
            "township": self.unit,
            "year": self.year,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "reporter": self.reporter,
            "phone": self.phone,
            "values": {c: _value_dict(v) for c, v in self.values.items()},
            "items": {
                c: [
                    {"key": i.key, "cell": i.cell, "values": {k: _plain(v) for k, v in i.values.items()}} for i in items
                ]
                for c, items in self.items.items()
            },
            "findings": [f.to_dict(lang) for f in self.findings],
        }


# The fields pickled as they are (all but values, items and _refs).
_PLAIN_FIELDS = tuple(f.name for f in fields(Return) if f.name not in ("values", "items", "_refs"))
_make_tuple = tuple.__new__  # tuple.__new__(Value, fields): a named tuple made in C, not by its Python __new__
_key_of, _cell_of = itemgetter(1), itemgetter(2)  # an Item's key and cell, taken in C


def _rebuilt(
    plain: tuple[Any, ...],
    codes: tuple[str, ...],
    values: tuple[tuple[Any, ...], ...],
    items: tuple[tuple[str, ...], tuple[tuple[tuple[Any, ...], ...], ...]] | None,
    refs: dict[str, ItemRefs] | None,
) -> Return:
    """The :class:`Return` that :meth:`Return.__reduce__` took apart."""
    ret = object.__new__(Return)
    d = ret.__dict__
    d.update(zip(_PLAIN_FIELDS, plain, strict=True))
    d["values"] = dict(zip(codes, map(_make_tuple, repeat(Value), values), strict=True))
    d["items"] = (
        {} if items is None else {c: list(map(_make_tuple, repeat(Item), its)) for c, its in zip(*items, strict=True)}
    )
    d["_refs"] = refs
    return ret


def _value_dict(v: Value) -> dict[str, Any]:
    out: dict[str, Any] = {"value": v.value, "cell": v.cell, "note": v.note}
    if v.baseline is not None:
        out["baseline"] = v.baseline
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    return v
