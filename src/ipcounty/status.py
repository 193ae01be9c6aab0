"""The status, the light and the rank of a unit × indicator: the one place for these rules.

SPEC v2 "序时进度 — how progress is judged". Inputs are the figures of
:mod:`ipcounty.schedule` (target, actual, expected, lag_points, completion, time_share); the
codes stay English in every output (labels come from the i18n catalogue, ``status.<code>``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from ipcounty.returns.layout import STATE_CHOICES, YES
from ipcounty.schedule import completion, expected, holds_level, lag_points

__all__ = [
    "DEFAULT_YELLOW_POINTS",
    "GREEN",
    "RED",
    "STATUSES",
    "Assessment",
    "Light",
    "Status",
    "assess",
    "judge",
    "light",
    "rank_score",
    "ranks",
]

Status = Literal[
    "met",  # 已完成: actual ≥ target
    "on_track",  # 达到序时进度: actual ≥ expected
    "behind",  # 滞后序时进度: actual < expected
    "within",  # 未超上限: a ceiling (direction at_most) not passed
    "exceeded",  # 超出上限: a ceiling passed
    "no_baseline",  # 缺基期值: a stock goal with no baseline anywhere — no schedule is invented
    "not_submitted",  # 未报送
    "overdue",  # 逾期未报 (set by the timeliness check: a return was due and none covers the period)
    "rejected",  # 退回
    "conflict",  # 冲突
    "no_target",  # 无目标
    "done",  # qualitative 已完成
    "in_progress",  # qualitative 推进中
    "not_started",  # qualitative 未启动
]
Light = Literal["green", "yellow", "red"]

STATUSES: tuple[Status, ...] = (
    "met",
    "on_track",
    "behind",
    "within",
    "exceeded",
    "no_baseline",
    "not_submitted",
    "overdue",
    "rejected",
    "conflict",
    "no_target",
    "done",
    "in_progress",
    "not_started",
)
# A qualitative goal's states (the form's 已完成, 推进中, 未启动), in the order of their codes.
QUALITATIVE: tuple[Status, ...] = ("done", "in_progress", "not_started")
GREEN: frozenset[str] = frozenset({"met", "on_track", "within", "done"})
RED: frozenset[str] = frozenset({"exceeded", "not_submitted", "overdue", "rejected", "conflict"})
DEFAULT_YELLOW_POINTS = 10.0

# Figures read from spreadsheets: 0.1 + 0.2 must still reach a target of 0.3.
_EPS = 1e-9


def judge(
    *,
    direction: str,
    target: float | None,
    actual: float | None,
    expected: float | None,
) -> Status:
    """The status of a numeric figure (counts, money, rates, levels; a yes/no as 1.0 / 0.0).

    - no target → ``no_target``; no figure → ``not_submitted``;
    - a ceiling (``direction == "at_most"``): ``within`` while actual ≤ target, else ``exceeded``;
    - a target of 0 to reach → ``no_target``;
    - actual ≥ target → ``met``; no expected (a stock goal without a baseline) → ``no_baseline``;
    - actual ≥ expected → ``on_track``, else ``behind``.

    ``not_submitted`` / ``rejected`` / ``conflict`` / ``overdue`` are decided by whoever knows
    the returns; qualitative states map straight to ``done`` / ``in_progress`` / ``not_started``.
    """
    if target is None:
        return "no_target"
    if actual is None:
        return "not_submitted"
    if direction == "at_most":
        return "within" if actual <= target + _EPS else "exceeded"
    if target <= 0:
        return "no_target"
    if actual >= target - _EPS:
        return "met"
    if expected is None:
        return "no_baseline"
    if actual >= expected - _EPS:
        return "on_track"
    return "behind"


def light(status: str, lag: float | None, yellow_points: float = DEFAULT_YELLOW_POINTS) -> Light | None:
    """亮灯: ``green`` for met / on_track / within / done; ``yellow`` for behind by less than
    ``yellow_points`` percentage points; ``red`` for behind by that much or more (or by an
    unknown amount), exceeded, not_submitted, overdue, rejected, conflict; None otherwise
    (no_target, no_baseline, in_progress, not_started: nothing to judge against a schedule)."""
    if status in GREEN:
        return "green"
    if status in RED:
        return "red"
    if status == "behind":
        if lag is not None and -lag < yellow_points:
            return "yellow"
        return "red"
    return None


def rank_score(completion: float | None, share: float | None, direction: str = "at_least") -> float | None:
    """What units are ranked by: completion − time_share (higher is better); for a ceiling,
    time_share − completion (further under the cap is better). None when either is unknown."""
    if completion is None or share is None:
        return None
    return share - completion if direction == "at_most" else completion - share


def ranks(scores: Sequence[float | None]) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4) of ``scores``, highest first; ties share a rank.

    A None score (no valid return) ranks after every scored one, all sharing that last rank.
    When no score is known at all, every rank is None (nothing to rank)."""
    known = sorted((round(s, 9) for s in scores if s is not None), reverse=True)
    if not known:
        return [None] * len(scores)
    first: dict[float, int] = {}
    for i, s in enumerate(known, 1):
        first.setdefault(s, i)
    last = len(known) + 1
    return [last if s is None else first[round(s, 9)] for s in scores]


# ---- everything at once: what a row, an observation or a score item shows -------------------
class Assessment(NamedTuple):
    """The judged figures of one unit × indicator at one date (all unrounded). A named tuple:
    a report makes one per row (tens of thousands), and a frozen dataclass costs four times as
    much to make."""

    time_share: float | None
    expected: float | None
    gap: float | None
    completion: float | None
    lag_points: float | None
    status: Status
    light: Light | None


# The form's answers (returns/layout.py) in the order of their codes: 已完成, 推进中, 未启动.
_STATES: dict[str, Status] = dict(zip(STATE_CHOICES, QUALITATIVE, strict=True))


def assess(
    *,
    kind: str,
    scope: str,
    direction: str,
    target: float | None,
    actual: float | str | None,
    share: float | None,
    baseline: float | None = None,
    yellow_points: float = DEFAULT_YELLOW_POINTS,
    decided: Status | None = None,
) -> Assessment:
    """Judge one figure against its schedule: the single rule every output uses.

    ``share`` is the 序时进度 from :func:`ipcounty.schedule.indicator_time_share` (None for a
    qualitative goal). ``actual`` is a number, 是/否 for a yes/no, 已完成/推进中/未启动 for a
    qualitative goal, or None. ``baseline`` matters for a stock goal with a schedule (a period
    stock): without one there is no expected-to-date and the status is ``no_baseline`` unless
    the target is already met. ``decided`` is the status when the returns settle it
    (not_submitted, rejected, conflict, overdue): the schedule is still shown, nothing judged.
    """
    if kind == "qualitative":
        status: Status = decided or _STATES.get(str(actual), "not_started")
        return Assessment(None, None, None, None, None, status, light(status, None, yellow_points))
    stock_path = kind == "stock" and not holds_level(kind, scope)
    exp = None
    if target is not None and share is not None and not (stock_path and baseline is None):
        exp = expected(target, share, baseline if stock_path else None)
    if kind == "yesno":
        number = None if actual is None else (1.0 if actual == YES else 0.0)
    else:
        number = actual if isinstance(actual, float | int) and not isinstance(actual, bool) else None
    gap = done = lag = None
    if number is not None and target is not None:
        if kind != "yesno":
            gap = max(number - target, 0.0) if direction == "at_most" else max(target - number, 0.0)
        done = completion(number, target)
        if exp is not None and direction != "at_most":
            lag = lag_points(number, exp, target)
    status = decided or judge(direction=direction, target=target, actual=number, expected=exp)
    return Assessment(share, exp, gap, done, lag, status, light(status, lag, yellow_points))
