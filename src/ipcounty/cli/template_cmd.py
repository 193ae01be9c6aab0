"""``ipcounty template``: write the blank return workbooks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ipcounty.cli.common import ReturnsOption, YearArgument, check_year, load_plan_for, out_console, settings


def template(
    ctx: typer.Context,
    year: YearArgument,
    township: Annotated[
        list[str] | None, typer.Option("--unit", "--township", "-u", "-t", help="只生成这些单位（可重复）")
    ] = None,
    district: Annotated[bool, typer.Option("--district", help="只生成本级汇总填报表（不含各单位）")] = False,
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录", file_okay=False)] = Path("templates"),
    prefill: Annotated[bool, typer.Option("--prefill", help="预填各单位上次报送的数（最多报一次）")] = False,
    returns: ReturnsOption = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名文件（默认不覆盖）")] = False,
) -> None:
    """生成空白填报表（默认：所有单位和本级）/ Write blank return workbooks."""
    from ipcounty.cli.template_prefill import carried_for, prefill_line, prefill_sources
    from ipcounty.errors import UsageError
    from ipcounty.i18n import did_you_mean, joined, render_param, tr
    from ipcounty.returns.layout import template_filename
    from ipcounty.returns.template import write_template

    s = settings(ctx)
    plan = load_plan_for(ctx)
    check_year(plan, year, s.lang)
    units: list[str] = []
    for name in township or []:
        canon = plan.canonical_unit(name.strip())
        if canon is None:
            hint = render_param(did_you_mean(name, plan.all_names()), s.lang)
            raise UsageError(tr("unknown-unit-option", s.lang, name=name, hint=hint))
        if canon[0] == plan.district_name and not plan.has_district_form:
            raise UsageError(tr("no-district-form", s.lang))  # its form would be empty
        units.append(canon[0])
    if district:
        if not plan.has_district_form:
            raise UsageError(tr("no-district-form", s.lang))
        units.append(plan.district_name)
    if not units:
        units = plan.reporting_names()
    console = out_console()
    if returns is not None and not prefill:
        raise UsageError(tr("prefill-returns-without-prefill", s.lang))
    carried = prefill_sources(ctx, plan, year, list(dict.fromkeys(units)), returns, out) if prefill else {}
    existing = [out / template_filename(year, u) for u in dict.fromkeys(units)]
    existing = [p for p in existing if os.path.lexists(p)]
    if existing and not force:
        # A filled return is often saved under the template's own name: never write over it.
        names = joined(existing[:5], s.lang) + ("…" if len(existing) > 5 else "")
        raise UsageError(tr("template-exists", s.lang, files=names, count=len(existing)))
    for unit in dict.fromkeys(units):
        path = out / template_filename(year, unit)
        try:
            write_template(plan, unit, year, path, prefill=carried_for(carried.get(unit)))
        except OSError as exc:
            from ipcounty.oserrors import reason

            raise UsageError(tr("os-write-failed", s.lang, path=path, reason=reason(exc, s.lang))) from None
        console.print(
            prefill_line(carried.get(unit), path, year, s.lang) if prefill else str(path), markup=False, soft_wrap=True
        )
    n = len(dict.fromkeys(units))
    console.print(tr("template.wrote", s.lang, n=n, out=out), style="bold")


def register(app: typer.Typer) -> None:
    app.command("template")(template)
