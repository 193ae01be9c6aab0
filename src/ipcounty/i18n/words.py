"""The plan's own words — its level (区, 县 …), its unit word (镇街, 单位, 部门 …), the name of the
whole (全区, 全县 …) and its addressees — as parameters of every sentence.

A catalogue string never spells 镇街 or 区 by itself: it writes ``{unit_word}``, ``{level}``,
``{district}`` (and ``{Level}``, ``{Unit_word}`` where English needs a capital), and
:func:`ipcounty.i18n.tr` fills them from the words of the plan in use. See
``/work/notes/plan-words.md`` and the README's "The plan's words".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# What a level is called in English; a plan may say otherwise with ``level_en``.
LEVEL_EN = {"区": "district", "县": "county", "市": "city", "旗": "banner", "州": "prefecture", "镇": "town"}
# The words of a plan that says nothing (the model's defaults, 市中区's words).
DEFAULT_LEVEL = "区"
DEFAULT_UNIT_WORD = "镇街"
# What units are called when they are not all 镇 and 街道 (departments, parks, 乡 side by side).
NEUTRAL_UNIT_WORD = "单位"
TOWNSHIP_TYPES = frozenset({"镇", "街道"})
# The placeholders tr() fills from the words; a message parameter of the same name wins.
WORD_KEYS = ("level", "Level", "unit_word", "Unit_word", "district", "District", "addressees")


@dataclass(frozen=True)
class PlanWords:
    """The words a plan uses for itself. Built by the loader from ``plan.level``,
    ``plan.unit_word``, ``plan.addressees`` and ``district.name``."""

    level: str = DEFAULT_LEVEL
    unit_word: str = DEFAULT_UNIT_WORD
    district: str = "全" + DEFAULT_LEVEL
    addressees: tuple[str, ...] = ()
    level_en: str | None = None
    unit_word_en: str | None = None
    # ``units_of_measure[].unit_en``: (symbol, singular, plural) for the units the plan names in
    # English itself (render.numbers.unit_word reads them before the catalogue's words).
    units_en: tuple[tuple[str, str, str], ...] = ()
    addressees_en: tuple[str, ...] = ()  # 主送 in English, as the plan writes it (``plan.addressees_en``)

    def unit_en(self, symbol: str) -> tuple[str, str] | None:
        """The plan's own English (singular, plural) for the unit of measure ``symbol``, if any."""
        for sym, one, many in self.units_en:
            if sym == symbol:
                return one, many
        return None

    @property
    def addressees_text(self) -> str:
        """主送 as printed: ``各镇人民政府，各街道办事处，区政府有关部门`` (``各{unit_word}`` if none)."""
        return "，".join(self.addressees) if self.addressees else "各" + self.unit_word

    def addressees_line(self, lang: str) -> str:
        """主送 in ``lang``: in Chinese :attr:`addressees_text`; in English the plan's
        ``addressees_en``, else each Chinese addressee said as the catalogue says it (``各镇人民政府``
        → ``the town governments``; one it does not know stays as written): ``To the town
        governments, the subdistrict offices and the district government departments concerned``."""
        if lang != "en":
            return self.addressees_text
        from ipcounty.i18n import MESSAGES, tr

        if self.addressees_en:
            names = list(self.addressees_en)
        else:
            zh, en = self.params("zh"), self.params("en")
            known = {
                _folded(pair[0].format_map(zh)): pair[1].format_map(en)
                for key, pair in MESSAGES.items()
                if key.startswith("addressee.") and key != "addressee.line"
            }
            items = self.addressees or ("各" + self.unit_word,)
            names = [known.get(_folded(a), a) for a in items]
        if len(names) > 1:
            names = [*names[:-2], f"{names[-2]} and {names[-1]}"]
        return tr("addressee.line", lang, names=", ".join(names))

    def params(self, lang: str) -> dict[str, str]:
        """The placeholders of a sentence in ``lang``: ``{level}``, ``{unit_word}``, ``{district}`` …"""
        if lang == "en":
            level = self.level_en or LEVEL_EN.get(self.level, "district")
            unit = self.unit_word_en or "unit"
            return {
                "level": level,
                "Level": level[:1].upper() + level[1:],
                "unit_word": unit,
                "Unit_word": unit[:1].upper() + unit[1:],
                "district": level[:1].upper() + level[1:],
                "District": level[:1].upper() + level[1:],
                "addressees": self.addressees_text,
            }
        return {
            "level": self.level,
            "Level": self.level,
            "unit_word": self.unit_word,
            "Unit_word": self.unit_word,
            "district": self.district,
            "District": self.district,
            "addressees": self.addressees_text,
        }


def derive_words(
    *,
    level: str | None,
    unit_word: str | None,
    district: str | None,
    region: str,
    unit_types: list[str | None],
    addressees: str | list[str] | None = None,
    level_en: str | None = None,
    unit_word_en: str | None = None,
    units_en: tuple[tuple[str, str, str], ...] = (),
    addressees_en: str | list[str] | None = None,
) -> PlanWords:
    """The words of a plan, with what it leaves out derived: the level from the region's last
    character (…区 → 区, …县 → 县), the unit word 镇街 when every unit is a 镇 or 街道 (单位
    otherwise), the whole as 全 + level."""
    if not level:
        level = region[-1:] if region[-1:] in LEVEL_EN else DEFAULT_LEVEL
    if not unit_word:
        townships = bool(unit_types) and all(t in TOWNSHIP_TYPES for t in unit_types)
        unit_word = DEFAULT_UNIT_WORD if townships else NEUTRAL_UNIT_WORD
    parts = _split(addressees, "，")
    parts_en = _split(addressees_en, ";")
    return PlanWords(
        level=level,
        unit_word=unit_word,
        district=district or "全" + level,
        addressees=tuple(a for a in parts if a),
        level_en=level_en,
        unit_word_en=unit_word_en,
        units_en=units_en,
        addressees_en=tuple(parts_en),
    )


def _split(given: str | list[str] | None, sep: str) -> list[str]:
    """A list of addressees, or one string split at ``，`` (Chinese) or ``;`` (English)."""
    if isinstance(given, str):
        items = given.replace(",", "，").split("，") if sep == "，" else given.split(sep)
    else:
        items = list(given or [])
    return [a.strip() for a in items if a.strip()]


def _folded(text: str) -> str:
    """An addressee as compared: NFKC (full-width brackets as ASCII), no spaces."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


DEFAULT_WORDS = PlanWords()

_IN_USE: ContextVar[PlanWords | None] = ContextVar("ipcounty_plan_words", default=None)


def words_in_use() -> PlanWords:
    """The words of the plan the running command loaded (the default words before any)."""
    return _IN_USE.get() or DEFAULT_WORDS


def use_words(words: PlanWords) -> None:
    """Make ``words`` the words every later sentence is filled with (the CLI calls this once it
    has loaded the plan; :func:`speaking` undoes it at the end of the command)."""
    _IN_USE.set(words)


@contextmanager
def speaking(words: PlanWords | None = None) -> Iterator[None]:
    """Within the block, sentences use ``words`` (or keep what is set); restored afterwards."""
    token = _IN_USE.set(words if words is not None else _IN_USE.get())
    try:
        yield
    finally:
        _IN_USE.reset(token)
