"""What every command shares: the global settings, the two consoles, and loading the plan.

Results go to stdout, diagnostics (notes, progress, "using the example returns") to stderr, so
``ipcounty report 2025 --format csv > out.csv`` stays clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ipcounty.collect import Found
    from ipcounty.plan import Plan
    from ipcounty.returns.model import Return


class Lang(StrEnum):
    zh = "zh"
    en = "en"


@dataclass
class Settings:
    """The global options, resolved once in the app callback."""

    plan_path: Path | None = None
    lang: str = "zh"
    debug: bool = False


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def out_console() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


def err_console() -> Console:
    """The console for diagnostics (stderr). Lines are never broken by rich (its 80 cells when stderr
    is a file or a pipe broke a sentence at its only space: ``… 或 ⏎./returns）…``); the terminal wraps."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def load_plan_for(ctx: typer.Context) -> Plan:
    """The plan the user asked for (``--plan`` > env > ./data > bundled), checked."""
    from ipcounty.plan import load_plan, resolve_plan_path

    s = settings(ctx)
    return speak_plan(load_plan(resolve_plan_path(s.plan_path), s.lang))


def check_year(plan: Plan, year: int, lang: str) -> None:
    """A year the plan does not cover is a usage error that names the plan's period."""
    if year not in plan.years:
        from ipcounty.errors import UsageError
        from ipcounty.i18n import tr

        raise UsageError(tr("year-option-outside-plan", lang, year=year, first=plan.years[0], last=plan.years[-1]))


def units_named(plan: Plan, names: list[str], lang: str) -> set[str]:
    """``--unit``: the plan's spelling of each name (folded, aliases too); an unknown one is a usage
    error that names the nearest."""
    from ipcounty.errors import UsageError
    from ipcounty.i18n import did_you_mean, render_param, tr

    wanted = set()
    for name in names:
        canon = plan.canonical_unit(name.strip())
        if canon is None:
            hint = render_param(did_you_mean(name, plan.all_names()), lang)
            raise UsageError(tr("unknown-unit-option", lang, name=name, hint=hint))
        wanted.add(canon[0])
    return wanted


def codes_named(known: Iterable[str], codes: list[str], lang: str) -> set[str]:
    """``--indicator``: each code as the plan writes it (any case); an unknown one is a usage error
    that lists the codes there are."""
    from ipcounty.errors import UsageError
    from ipcounty.i18n import tr

    by_key = {c.upper(): c for c in known}
    wanted = set()
    for code in codes:
        key = code.strip().upper()
        if key not in by_key:
            raise UsageError(tr("unknown-indicator-option", lang, code=code, known=", ".join(by_key.values())))
        wanted.add(by_key[key])
    return wanted


def return_files(returns: Path | None) -> Iterator[Path]:
    """Every file under the returns folder (``--returns`` > env > ./returns > bundled): no output
    is ever written over one of them. Listed only when asked for: an output that does not exist
    yet cannot be one of them, and is written without listing the folder again."""
    from ipcounty.collect import find_returns, resolve_returns

    for f in find_returns(resolve_returns(returns).folder):
        yield f.path


def save(ctx: typer.Context, target: Path, data: bytes, returns: Path | None) -> None:
    """``-o FILE``: saved as every output is (``export.write.save_output``), then said on stderr."""
    from ipcounty.export.write import save_output
    from ipcounty.i18n import tr

    lang = settings(ctx).lang
    path = save_output(data, target, lang=lang, inputs=return_files(returns))
    err_console().print(tr("output-wrote", lang, path=path), markup=False)


def read_returns(
    ctx: typer.Context, plan: Plan, returns: Path | None, missing: str = "returns-folder-missing"
) -> tuple[list[Return], list[Found], Path]:
    """Every return under the folder (``--returns`` > env > ./returns > bundled, the last said on
    stderr), what was found there and the folder; progress on stderr for large folders.
    ``missing``: the message for a folder that is not there (what to do differs by command)."""
    from ipcounty.collect import find_returns, read_all, resolve_returns
    from ipcounty.errors import UsageError
    from ipcounty.i18n import tr

    lang = settings(ctx).lang
    source = resolve_returns(returns)
    if not source.folder.is_dir():
        raise UsageError(tr(missing, lang, folder=source.folder))
    # The console is made only to say something: a report piped to a file imports no rich.
    if source.origin == "bundled":
        err_console().print(tr("prefill-returns-bundled", lang), style="yellow")
    found = find_returns(source.folder)
    if is_terminal() and len(found) > 50:
        from rich.progress import Progress

        with Progress(console=err_console(), transient=True) as bar:
            task = bar.add_task(tr("history-reading", lang), total=len(found))
            rets = read_all(found, plan, on_progress=lambda i, n: bar.update(task, completed=i))
    else:
        rets = read_all(found, plan)
    return rets, found, source.folder


def read_folder(
    ctx: typer.Context, returns: Path | None, missing: str = "returns-folder-missing"
) -> tuple[Plan, list[Return], list[Found]]:
    """The plan and :func:`read_returns` for a command that needs every return (trend, prefill)."""
    plan = load_plan_for(ctx)
    rets, found, _ = read_returns(ctx, plan, returns, missing)
    return plan, rets, found


def speak_plan(plan: Plan) -> Plan:
    """Make ``plan``'s words (区/县, 镇街/单位 …) those of every sentence the command prints from
    here on (see ``ipcounty.i18n.words``); every command calls this once it has the plan."""
    from ipcounty.i18n import use_words

    use_words(plan.words)
    return plan


def write_stdout(text: str) -> None:
    """Raw text to stdout (CSV, JSON): no rich markup, no wrapping."""
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()


def dumps_json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _help(key: str) -> str:
    """An option's help as the catalogue has it (the Chinese; ``--lang en -h`` shows its pair)."""
    from ipcounty.i18n.help_messages import OPTION_HELP

    return OPTION_HELP[key][0]


# The arguments and options several commands take, declared once (their help in the catalogue).
YearArgument = Annotated[int, typer.Argument(help=_help("year"))]
ReturnsOption = Annotated[
    Path | None,
    typer.Option("--returns", "-r", help=_help("returns"), file_okay=False, show_default=False),
]
AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="<date>", help=_help("as-of"))]
UnitsOption = Annotated[list[str] | None, typer.Option("--unit", "--township", "-u", "-t", help=_help("unit"))]
IndicatorsOption = Annotated[list[str] | None, typer.Option("--indicator", "-i", help=_help("indicator"))]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help=_help("output"), dir_okay=False)]
# ``--format``: its choices differ by command, so this is the option to annotate them with.
FORMAT_HELP = _help("format-by-suffix")
FormatBySuffix = typer.Option("--format", help=FORMAT_HELP, show_default=False)
FormatPlain = typer.Option("--format", help=_help("format"))


# ``-o 2025.csv`` without ``--format``: the file's extension says the format (a table written
# into a file Excel opens as CSV, or into 2025.xlsx, is not what anybody asked for).
_BY_SUFFIX = {
    ".csv": "csv",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
    ".text": "table",
    "": "table",
}


def output_format(fmt: StrEnum | None, output: Path | None, choices: type[StrEnum], lang: str) -> Any:
    """``--format`` as given; else the format ``-o``'s extension names; else ``table``.

    An extension no format of this command writes (``.xlsx``, ``.docx``, ``.pdf``) is a usage error
    that says what to write instead."""
    if fmt is not None:
        return fmt
    if output is None:
        return choices("table")
    name = _BY_SUFFIX.get(output.suffix.lower())
    if name is not None and name in choices.__members__:
        return choices(name)
    from ipcounty.errors import UsageError
    from ipcounty.i18n import joined, tr

    shown = (".csv", ".json", ".md", ".html", ".txt")
    known = joined((s for s in shown if _BY_SUFFIX[s] in choices.__members__), lang)
    hint = tr("output.use-export", lang) if output.suffix.lower() in (".xlsx", ".xls", ".et") else ""
    raise UsageError(tr("output.unknown-suffix", lang, path=str(output), known=known, hint=hint))
