"""The ``ipcounty`` command line: global options, one module per command, one error boundary.

Nothing heavy is imported here: pydantic, pandas and openpyxl load inside the command that
needs them, so ``ipcounty --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ipcounty import __version__
from ipcounty.cli.common import Lang, Settings, err_console, settings
from ipcounty.errors import IpcountyError, PlanError
from ipcounty.i18n import ENV_LANG, default_lang


class _Boundary(TyperGroup):
    """Catches expected failures once, prints one line that says the fix, maps the exit code.

    Anything unexpected prints one line too, unless ``--debug`` asks for the traceback.
    """

    def invoke(self, ctx: Any) -> Any:
        from ipcounty.i18n import speaking

        try:
            with speaking():  # the plan's words, set when the command loads it, end with it
                return super().invoke(ctx)
        except IpcountyError as exc:
            _print_failure(ctx, exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BaseException as exc:
            # Typer's own exceptions (bad parameters) are usage errors it prints itself. Of the
            # BaseExceptions only a Rust panic from a reader library (pyo3's PanicException) is ours.
            if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                raise
            if type(exc).__module__.startswith(("typer", "click")) or _debug(ctx):
                raise
            lang = _lang(ctx)
            msg = (
                f"内部错误：{type(exc).__name__}: {exc}。请加 --debug 重新运行，并把输出发给维护人员"
                if lang == "zh"
                else f"internal error: {type(exc).__name__}: {exc}. Run again with --debug and "
                "send the output to the maintainers"
            )
            err_console().print(msg, markup=False)
            raise typer.Exit(1) from None


def _debug(ctx: Any) -> bool:
    obj = ctx.find_root().obj
    return obj.debug if isinstance(obj, Settings) else "--debug" in sys.argv


def _lang(ctx: Any) -> str:
    obj = ctx.find_root().obj
    return obj.lang if isinstance(obj, Settings) else default_lang()


def _print_failure(ctx: Any, exc: IpcountyError) -> None:
    console = err_console()
    console.print(f"[bold red]✗[/] {exc}", highlight=False, soft_wrap=True)
    if isinstance(exc, PlanError):
        lang = _lang(ctx)
        for f in exc.problems:
            where = getattr(f, "where", None)
            message = getattr(f, "message", None)
            if callable(where) and callable(message):
                console.print(f"  {where()}  {message(lang)}", markup=False, soft_wrap=True)


app = typer.Typer(
    cls=_Boundary,
    name="ipcounty",
    help="知识产权强县建设进度计算 — progress against a county's IP plan, from township returns.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich + markdown-it would add 150 ms to every --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipcounty {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="计划文件 targets.yaml（默认：$IPCOUNTY_PLAN、./data/targets.yaml、内置）",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help=f"界面语言 zh|en（默认 zh，或 ${ENV_LANG}）", show_default=False),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的 Python 调用栈")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本号"),
    ] = None,
) -> None:
    ctx.obj = Settings(plan_path=plan, lang=lang.value if lang else default_lang(), debug=debug)
    if debug:
        import os

        os.environ["IPCOUNTY_DEBUG"] = "1"  # readers re-raise instead of turning a bug into a finding


def _register() -> None:
    from ipcounty.cli import (
        export_cmd,
        plan_cmd,
        report_cmd,
        score_cmd,
        template_cmd,
        trend_cmd,
        validate_cmd,
    )

    for module in (
        plan_cmd,
        template_cmd,
        validate_cmd,
        report_cmd,
        score_cmd,
        export_cmd,
        trend_cmd,
    ):
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="ipcounty")


__all__ = ["app", "main", "settings"]
