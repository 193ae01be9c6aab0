"""The ``ipcounty`` command line: global options, one module per command, one error boundary.

Nothing heavy is imported here: pydantic, pandas and openpyxl load inside the command that
needs them, so ``ipcounty --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import Context as _ClickContext
from typer.core import TyperGroup

from ipcounty import __version__
from ipcounty.cli.common import Lang, Settings, err_console, settings
from ipcounty.cli.help_format import HelpFormatter
from ipcounty.cli.help_format import set_lang as set_help_lang
from ipcounty.errors import IpcountyError, PlanError
from ipcounty.i18n import ENV_LANG, default_lang, tr

# Every help page (the group's and each command's) is written by ipcounty's formatter: the
# user's language, wrapped by display width.
_ClickContext.formatter_class = HelpFormatter


class _Boundary(TyperGroup):
    """Catches expected failures once, prints one line that says the fix, maps the exit code.

    Anything unexpected prints one line too, unless ``--debug`` asks for the traceback.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's own usage errors (bad option, missing file, wrong choice) are said here, in the
        user's language, instead of in Typer's English; streams that cannot encode a character
        replace it instead of crashing (GBK or ASCII output)."""
        extra["windows_expand_args"] = windows_expand_args
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from typer._click.exceptions import ClickException

        _safe_streams()
        argv = list(sys.argv[1:] if args is None else args)
        set_help_lang(_argv_lang(argv))
        try:
            rv = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()
            else:
                from ipcounty.cli.usage_errors import usage_message

                lang = _argv_lang(argv)
                # the help of the command that was typed (ipcounty report -h), else the program's
                ctx = getattr(exc, "ctx", None)
                prog = getattr(ctx, "command_path", None) or prog_name or "ipcounty"
                said = usage_message(exc, lang, argv)
                err_console().print(f"✗ {said}", markup=False, highlight=False, soft_wrap=True)
                err_console().print(tr("usage.help-line", lang, prog=prog), markup=False, style="dim")
            sys.exit(exc.exit_code)
        except typer.Abort:
            err_console().print(tr("usage.aborted", _argv_lang(argv)), markup=False)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

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
        except BrokenPipeError:
            # ``ipcounty report 2025 | head``: the reader left; stop quietly, like any filter.
            _silence_stdout()
            raise typer.Exit(1) from None
        except OSError as exc:
            if _debug(ctx):
                raise
            err_console().print(f"✗ {_system_message(exc, _lang(ctx))}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
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


def _argv_lang(argv: list[str]) -> str:
    """The language asked for on a command line that could not be parsed."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].strip().lower() == "en" else "zh"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1].strip().lower() == "en" else "zh"
    return default_lang()


def _safe_streams() -> None:
    """Output that cannot carry a character (✓ on GBK, Chinese on ASCII) must not crash.

    An ASCII stream is a C locale with output redirected: UTF-8 is then the only sensible
    choice. Any other encoding (GBK on Chinese Windows) is kept, with unknown characters
    replaced."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
            if name == "ascii":
                reconfigure(encoding="utf-8", errors="replace")
            elif name != "utf-8":
                reconfigure(errors="replace")
        except (LookupError, ValueError, OSError):
            continue


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not complain."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _system_message(exc: OSError, lang: str) -> str:
    """An error the system raised (a folder that cannot be read, a full disk), in ``lang``."""
    from ipcounty.oserrors import reason

    if exc.filename:
        return tr("system.error", lang, path=exc.filename, reason=reason(exc, lang))
    return tr("system.error-no-path", lang, reason=reason(exc, lang))


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
                # file:line:column, the key path (breakdowns[1].scope) when there is one, the fix
                path = getattr(f, "path", None)
                console.print(
                    f"  {where()}  " + (f"[{path}]  " if path else "") + message(lang), markup=False, soft_wrap=True
                )


app = typer.Typer(
    cls=_Boundary,
    name="ipcounty",
    help="知识产权强县建设进度计算 / Progress against a county's IP plan, from township returns.",
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
        typer.Option(
            "--lang", help=f"界面语言 zh|en（默认 zh，或 ${ENV_LANG}）", show_default=False, case_sensitive=False
        ),
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
        bulletin_cmd,
        export_cmd,
        plan_cmd,
        remind_cmd,
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
        bulletin_cmd,
        remind_cmd,
    ):
        module.register(app)
    # The command list of ``ipcounty -h`` shows each command's first paragraph whole (wrapped), not
    # cut to click's 45 characters with "..." ("Score and rank the units, every...").
    import inspect

    for info in app.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if info.short_help is None and doc:
            info.short_help = " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())


_register()


def main() -> None:
    """Console-script entry point (and ``python -m ipcounty``): one command, then the process ends."""
    from ipcounty.bulk import end_command, for_one_command

    for_one_command()
    try:
        app(prog_name="ipcounty")
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            end_command(exc.code or 0)
        raise


__all__ = ["app", "main", "settings"]
