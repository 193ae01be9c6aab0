"""What a return answers in words (是/否, 已完成/推进中/未启动) and the plan's wording around a target
(达到600件, 4个以上), in the reader's language. The returns and the plan keep the Chinese; every
output that shows them in English says them here (``render.numbers.fmt_answer`` and
``with_wording``)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "answer.是": ("是", "yes"),
    "answer.否": ("否", "no"),
    "answer.已完成": ("已完成", "done"),
    "answer.推进中": ("推进中", "in progress"),
    "answer.未启动": ("未启动", "not started"),
    "wording.达到": ("达到{amount}", "{amount}"),
    "wording.以上": ("{amount}以上", "at least {amount}"),
    "wording.不少于": ("不少于{amount}", "at least {amount}"),
    "wording.以下": ("{amount}以下", "at most {amount}"),
    "wording.以内": ("{amount}以内", "at most {amount}"),
    "wording.不超过": ("不超过{amount}", "at most {amount}"),
}
