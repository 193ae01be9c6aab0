"""Every sentence a user reads, in Chinese (the default) and English.

Findings and notes carry a stable ``code`` and parameters; the text is made here, in the
language asked for, when something is shown. Keys are the finding codes and UI label names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ipcounty.i18n import (
    addressee_messages,
    answer_messages,
    cli_messages,
    documents_messages,
    export_messages,
    file_messages,
    help_messages,
    history_messages,
    items_messages,
    labels,
    plan_messages,
    progress_messages,
    punctuation_messages,
    return_messages,
    score_messages,
    template_messages,
    units_messages,
)
from ipcounty.i18n.words import PlanWords, speaking, use_words, words_in_use

LANGS = ("zh", "en")


def _merge(*catalogues: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One catalogue from several; a key defined twice is a bug caught at import."""
    merged: dict[str, tuple[str, str]] = {}
    for catalogue in catalogues:
        clash = merged.keys() & catalogue.keys()
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        merged.update(catalogue)
    return merged


# Each area of the program keeps its sentences in its own module of this package; add a new
# module here for a new area (a command, a document) rather than growing another one.
MESSAGES = _merge(
    plan_messages.MESSAGES,
    return_messages.MESSAGES,
    history_messages.MESSAGES,
    file_messages.MESSAGES,
    export_messages.MESSAGES,
    template_messages.MESSAGES,
    progress_messages.MESSAGES,
    score_messages.MESSAGES,
    documents_messages.MESSAGES,
    cli_messages.MESSAGES,
    help_messages.MESSAGES,
    answer_messages.MESSAGES,
    units_messages.MESSAGES,
    items_messages.MESSAGES,
    addressee_messages.MESSAGES,
    punctuation_messages.MESSAGES,
)
LABELS = labels.LABELS


ENV_LANG = "IPCOUNTY_LANG"


@dataclass(frozen=True)
class Phrase:
    """A piece of a message that is itself translated (a hint, a list of normalisations)."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        key = _exact(self)
        if key is None:
            return tr(self.key, lang, **{k: render_param(v, lang) for k, v in self.params})
        key = (key, lang, words_in_use())
        text = _RENDERED.get(key)
        if text is None:
            if len(_RENDERED) >= _RENDERED_MAX:
                _RENDERED.clear()
            text = _RENDERED[key] = tr(self.key, lang, **{k: render_param(v, lang) for k, v in self.params})
        return text


# Phrases said before, by what makes their text (the phrase exactly, the language, the plan's
# words): the 评分表 says "得 30 分" and "完成 15/15 个" for unit after unit.
_RENDERED: dict[tuple[Any, ...], str] = {}
_RENDERED_MAX = 20_000


def _exact(value: Any) -> Any:
    """A key two message parameters share only when they are said alike: strings, bools and None
    as themselves, a phrase or a frozen word (``Amount``, ``UnitWord``, ``ItemWord``) by its type
    and parts; None for anything else (a number: 1 and 1.0, 0.0 and -0.0 are equal yet printed
    apart), which is then said afresh every time."""
    if value is None or value.__class__ in (str, bool):
        return (value.__class__, value)
    if value.__class__ is Phrase:
        parts: list[Any] = [value.key]
        for name, v in value.params:
            part = _exact(v)
            if part is None:
                return None
            parts.append((name, part))
        return tuple(parts)
    spec = getattr(value, "__dataclass_params__", None)
    if spec is not None and spec.frozen and callable(getattr(value, "render", None)):
        parts = [value.__class__]
        for name in value.__dataclass_fields__:
            part = _exact(getattr(value, name))
            if part is None:
                return None
            parts.append(part)
        return tuple(parts)
    return None


def phrase(key: str, **params: Any) -> Phrase:
    return Phrase(key, tuple(params.items()))


def render_param(value: Any, lang: str) -> Any:
    """A message parameter as text in ``lang``: phrases translated, lists of phrases joined."""
    if isinstance(value, Phrase) or callable(getattr(value, "render", None)):
        return value.render(lang)  # a phrase, or a figure with its unit (render.numbers.Amount)
    if isinstance(value, (list, tuple)):
        return joined((render_param(v, lang) for v in value), lang)
    return value


def joined(items: Iterable[Any], lang: str) -> str:
    """Names as a list in a sentence: ``税郭镇、孟庄镇`` / ``Shuiguo, Mengzhuang``."""
    return tr("sep.list", lang).join(map(str, items))


def clauses(items: Iterable[Any], lang: str) -> str:
    """Clauses of one sentence: ``…；…`` / ``…; …``."""
    return tr("sep.clauses", lang).join(map(str, items))


def parenthesised(text: Any, lang: str) -> str:
    """An aside after a word: ``（个）`` / `` (个)`` (a space before it in English)."""
    return tr("sep.paren", lang, text=text)


def did_you_mean(name: str, names: list[str]) -> Phrase | str:
    """A "did you mean …" hint naming the closest of ``names``, or "" when none is close."""
    from difflib import get_close_matches

    close = get_close_matches(name, names, n=1, cutoff=0.4)
    return phrase("hint-did-you-mean", name=close[0]) if close else ""


def default_lang() -> str:
    """The language from ``IPCOUNTY_LANG`` when it names one we speak, else Chinese."""
    value = os.environ.get(ENV_LANG, "zh").strip().lower()
    return value if value in LANGS else "zh"


class _Filled(dict[str, Any]):
    """Parameters for a template: one a caller did not give shows as nothing, never as
    ``{unit_hint}`` in front of a user; None shows as nothing too."""

    def __missing__(self, key: str) -> str:
        return ""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else ""
        return "" if value is None else value


def tr(key: str, lang: str, /, *, words: PlanWords | None = None, **params: Any) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in; the key itself if unknown.

    The plan's words (``{unit_word}``, ``{level}``, ``{district}`` …) are filled from ``words``,
    else from the plan in use (:func:`use_words`); a parameter of the same name wins.
    """
    pair = MESSAGES.get(key) or LABELS.get(key)
    if pair is None:
        return key
    template = pair[1] if lang == "en" else pair[0]
    if "{" not in template:
        return template
    try:
        return template.format_map(_Filled({**(words or words_in_use()).params(lang), **params}))
    except (IndexError, ValueError, AttributeError, TypeError):
        return template.replace("{", "").replace("}", "")


__all__ = [
    "LABELS",
    "LANGS",
    "MESSAGES",
    "Phrase",
    "PlanWords",
    "clauses",
    "default_lang",
    "did_you_mean",
    "joined",
    "parenthesised",
    "phrase",
    "render_param",
    "skip_text",
    "speaking",
    "status_label",
    "tr",
    "use_words",
    "words_in_use",
]


def status_label(status: str, lang: str) -> str:
    """The label a user reads for a status code (codes themselves stay English)."""
    return tr(f"status.{status}", lang)


def skip_text(reason: str, lang: str) -> str:
    """Why a file or folder under the returns folder was skipped, in ``lang``: ``隐藏文件或文件夹``,
    ``无法读取：磁盘读写出错，请检查…`` — for ``unreadable/<why>`` (see
    :func:`ipcounty.oserrors.unreadable_reason`) the sentence every command says for that system
    error, with its fix; ``unreadable/ESTALE`` (no sentence of its own) names the error."""
    code, _, why = reason.partition("/")
    if code != "unreadable":
        return tr(f"skip.{code}", lang)
    if why.startswith("os-"):
        said = tr(why, lang)
    elif why:
        said = tr("os-other", lang, detail=tr("os-error-code", lang, code=why))
    else:
        said = tr("os-permission", lang)  # what ``unreadable`` alone has always meant
    return tr("skip.unreadable", lang, why=said)
