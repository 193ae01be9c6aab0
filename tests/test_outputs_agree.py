"""No two outputs disagree about the same figure: the report CSV is the reference, and the
bulletin text, the reminders, the score CSV, the trend CSV (latest observation) and the export
workbook must state the same completion, 进度差, status, light and rank for each unit × indicator,
the same 全区 figures, the same units to chase, the same contacts and the same double counts."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ipcounty.cli import app
from ipcounty.i18n import status_label, tr
from ipcounty.render.numbers import fmt_percent, fmt_points
from tests.conftest import PLAN_PATH
from tests.test_bulletin import AS_OF_2025, AS_OF_2026, EXAMPLES

BASE = ["--plan", str(PLAN_PATH)]
ACT = {"not_submitted", "overdue", "rejected", "conflict"}  # a unit the office must chase
CASES = [("2025", AS_OF_2025), ("2026", AS_OF_2026), ("2025", "2025-06-30")]


def run(runner: CliRunner, *args: str) -> str:
    r = runner.invoke(app, [*BASE, *args], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    return r.stdout


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


class Outputs:
    def __init__(self, runner: CliRunner, year: str, as_of: str, tmp: Path) -> None:
        common = [year, "--returns", str(EXAMPLES), "--as-of", as_of]
        self.report = rows(run(runner, "report", *common, "--format", "csv"))
        self.score = rows(run(runner, "score", *common, "--format", "csv"))
        self.trend = rows(run(runner, "trend", *common, "--format", "csv"))
        self.remind = rows(run(runner, "remind", *common, "--format", "csv"))
        self.bulletin = run(runner, "bulletin", *common, "--format", "text")
        xlsx = tmp / f"x{year}.xlsx"
        run(runner, "export", *common, "-o", str(xlsx))
        import openpyxl

        self.book = openpyxl.load_workbook(xlsx, read_only=True)
        self.units = [r for r in self.report if r["reporting_unit"] != "全区" and r["indicator_code"][0] in "BD"]
        self.codes = list(dict.fromkeys(r["indicator_code"] for r in self.units))

    def sheet(self, code: str) -> dict[str, dict[str, Any]]:
        (name,) = [n for n in self.book.sheetnames if n.split(" ")[0] == code]
        table = list(self.book[name].iter_rows(values_only=True))
        head = list(table[2])
        return {str(r[0]): dict(zip(head, r, strict=False)) for r in table[3:] if r[0]}

    def annex1(self) -> dict[tuple[str, str], list[str]]:
        text = self.bulletin.split("\n附件1\n", 1)[1].split("\n附件2\n", 1)[0]
        out: dict[tuple[str, str], list[str]] = {}
        code = ""
        for line in text.splitlines():
            if re.match(r"^[BD]\d ", line):
                code = line.split(" ")[0]
            elif "｜" in line and not line.startswith("镇街｜"):
                cells = line.split("｜")
                out[(cells[0], code)] = cells
        return out


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}@{c[1]}")
def out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    year, as_of = request.param
    return Outputs(CliRunner(), year, as_of, tmp_path_factory.mktemp("agree"))


def num(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def close(a: Any, b: Any) -> bool:
    if a in ("", None) or b in ("", None):
        return a in ("", None) and b in ("", None)
    return abs(float(a) - float(b)) < 1e-3


def test_export_sheets_state_the_reports_figures(out: Outputs) -> None:
    for code in out.codes:
        sheet = out.sheet(code)
        for r in (x for x in out.report if x["indicator_code"] == code):
            cell = sheet[r["reporting_unit"]]
            where = (r["reporting_unit"], code)
            if r["actual"] in ("是", "否"):
                assert cell["完成"] == r["actual"], where
            elif r["reporting_unit"] != "全区":
                assert close(cell["完成"], r["actual"]), where
            assert close(cell["完成率"], r["completion"]), where
            assert close(cell["进度差"], r["lag_points"]), where
            assert cell["状态"] == status_label(r["status"], "zh"), where
            assert cell["亮灯"] == (tr(f"light.{r['light']}", "zh") if r["light"] else None), where
            assert (cell["排名"] or "") == (int(r["rank"]) if r["rank"] else ""), where


def test_bulletin_annex_states_the_reports_figures(out: Outputs) -> None:
    annex = out.annex1()
    for r in out.units + [x for x in out.report if x["reporting_unit"] == "全区" and x["indicator_code"] in out.codes]:
        cells = annex[(r["reporting_unit"], r["indicator_code"])]
        where = (r["reporting_unit"], r["indicator_code"])
        assert cells[3] == fmt_percent(num(r["completion"])), where
        assert cells[5] == fmt_points(num(r["lag_points"])), where
        assert cells[6] == status_label(r["status"], "zh"), where
        assert cells[7] == (tr(f"light.{r['light']}", "zh") if r["light"] else ""), where
        assert cells[8] == r["rank"], where


def test_bulletin_names_as_behind_exactly_the_units_behind_on_their_figures(out: Outputs) -> None:
    """三（一） lists a unit under an indicator iff its figures lag (or miss a level)."""
    section = out.bulletin.split("（一）部分镇街进度滞后。", 1)
    named = section[1].split("\n", 1)[0] if len(section) == 2 else ""
    for r in out.units:
        lag = num(r["lag_points"])
        behind = r["status"] == "behind" or (r["status"] == "overdue" and lag is not None and lag < -1e-9)
        unit_part = re.search(rf"{r['reporting_unit']}：([^。]*)。", named)
        said = unit_part is not None and r["indicator_name"] in unit_part.group(1)
        assert said == behind, (r["reporting_unit"], r["indicator_code"], r["status"], lag)


def test_bulletin_district_sentence_states_the_reports_totals(out: Outputs) -> None:
    for r in out.report:
        if r["reporting_unit"] != "全区" or r["indicator_code"] not in out.codes or not r["completion"]:
            continue
        pct = fmt_percent(num(r["completion"]))
        assert f"{r['indicator_name']}" in out.bulletin
        assert re.search(
            rf"{r['indicator_name']}(累计)?完成[\d.]+\D{{1,2}}，目标[\d.]+\D{{1,2}}，完成率{re.escape(pct)}",
            out.bulletin,
        ), r["indicator_code"]
        annex = out.annex1()[("全区", r["indicator_code"])]
        assert close(annex[2], r["actual"]), r["indicator_code"]


def test_the_trend_latest_observation_is_the_reports_figure(out: Outputs) -> None:
    for r in out.units:
        if not r["source_file"] or r["status"] in ("conflict", "rejected"):
            continue
        obs = [
            t
            for t in out.trend
            if t["reporting_unit"] == r["reporting_unit"]
            and t["indicator_code"] == r["indicator_code"]
            and t["as_of"] == r["as_of"]
        ]
        where = (r["reporting_unit"], r["indicator_code"])
        assert obs, where
        t = obs[-1]
        assert t["source_file"] == r["source_file"], where
        assert t["actual"] == r["actual"] or close(t["actual"], r["actual"]), where
        assert close(t["completion"], r["completion"]), where
        assert close(t["lag_points"], r["lag_points"]), where
        if r["status"] != "overdue":  # an observation is judged on its figures; lateness is the report's
            assert (t["status"], t["light"]) == (r["status"], r["light"]), where


def test_score_explains_the_reports_figures_and_no_unit_to_chase_is_missed(out: Outputs) -> None:
    by_unit = {s["reporting_unit"]: s for s in out.score}
    for r in out.units:
        s = by_unit[r["reporting_unit"]]
        if r["status"] in ("conflict", "rejected"):  # 无法评分: no figure to explain
            assert s["score"] == "", r["reporting_unit"]
            continue
        part = re.search(rf"{r['indicator_code']} {r['indicator_name']}：([^。]*)", s["explanation"])
        assert part, (r["reporting_unit"], r["indicator_code"])
        said = part.group(1)
        if r["status"] == "not_submitted":
            assert said.startswith("未报送"), said
        elif r["actual"] in ("是", "否"):
            assert f"填报“{r['actual']}”" in said
        else:
            m = re.match(r"完成 ([\d.]+)", said)
            assert m and close(m.group(1), r["actual"]), (r["reporting_unit"], r["indicator_code"], said)


def test_remind_bulletin_and_export_chase_the_same_units(out: Outputs) -> None:
    statuses: dict[str, set[str]] = {}
    for r in out.report:
        if r["status"] in ACT and r["reporting_unit"] != "全区":
            statuses.setdefault(r["reporting_unit"], set()).add(r["status"])
    reminded = {m["reporting_unit"]: m["action"] for m in out.remind if m["reporting_unit"] != "全区"}
    assert {u: {a} for u, a in reminded.items()} == statuses
    overview: dict[str, Any] = {}
    for row in out.book["总览"].iter_rows(values_only=True):
        if row and row[0]:
            overview.setdefault(str(row[0]), row)  # the first table: who sent what
    words = {"not_submitted": "未报送", "overdue": "逾期未报", "rejected": "退回", "conflict": "冲突"}
    for code, word in words.items():
        units = sorted(u for u, a in reminded.items() if a == code)
        line = next((v for k, v in overview.items() if k.startswith(word)), None)
        if units:
            assert line is not None and line[1] == len(units), word
            assert all(u in str(line[2]) for u in units), word
            assert all(u in out.bulletin.split("（二）报送不及时", 1)[1] for u in units), word


def test_contacts_in_reminders_come_from_the_files_listed_in_the_export(out: Outputs) -> None:
    table = list(out.book["报送情况"].iter_rows(values_only=True))
    head = list(table[2])
    files = [dict(zip(head, r, strict=False)) for r in table[3:] if r[0]]
    for m in out.remind:
        known = {(f["填报人"], f["联系电话"]) for f in files if f["镇街"] == m["reporting_unit"]}
        if m["reporter"] or m["phone"]:
            assert (m["reporter"], m["phone"]) in known or not known, m["reporting_unit"]


def test_double_counts_are_the_same_in_report_bulletin_score_and_export(out: Outputs) -> None:
    table = list(out.book["重复计算"].iter_rows(values_only=True))
    dup = {(str(r[2]), str(r[3])) for r in table[3:] if r[0] and r[2] and r[3]}
    for ident, unit in dup:
        assert ident in out.bulletin, ident
        s = next(x for x in out.score if x["reporting_unit"] == unit)
        if s["score"]:
            assert ident in s["explanation"], (ident, unit)
    for s in out.score:
        for ident in re.findall(r"重复计算 \d+ 项（([^）]*)）", s["explanation"]):
            for one in ident.split("、"):
                assert (one, s["reporting_unit"]) in dup, (one, s["reporting_unit"])


def test_district_level_counts_are_the_units_that_meet_it_in_the_annex(out: Outputs) -> None:
    """D1/D2 全区 "7/11": the units whose own row meets the level (是, 2/2 人), late or not —
    the count the annex rows above it add up to, and the one 一（二） says."""
    annex = out.annex1()
    for code in ("D1", "D2"):
        unit_rows = [r for r in out.units if r["indicator_code"] == code]
        if not unit_rows:
            continue
        meeting = sum(1 for r in unit_rows if r["completion"] and float(r["completion"]) >= 1 - 1e-9)
        counted = sum(1 for r in unit_rows if r["actual"] != "")
        assert annex[("全区", code)][2] == f"{meeting}/{len(unit_rows)}", code
        if counted:
            name = unit_rows[0]["indicator_name"]
            said = re.search(rf"{name}[^：；。]*?[：]?(\d+)个镇街(已完成|达到目标)（共(\d+)个镇街报送）", out.bulletin)
            assert said and (int(said.group(1)), int(said.group(3))) == (meeting, counted), code


def test_no_unit_that_met_its_target_is_named_among_the_last_three(out: Outputs) -> None:
    """A 通报 never names a unit 排名后三位 for an item the report shows it has completed."""
    ranking = re.search(r"（二）分指标排名。([^\n]*)", out.bulletin)
    if ranking is None:  # nobody ranked (no valid return yet)
        return
    name = ""
    named_last = 0
    for part in ranking.group(1).split("；"):
        if "：排名" in part:
            name = part.split("：排名", 1)[0].rsplit("。", 1)[-1]
        if "排名后三位的是" not in part:
            continue
        bottom = part.split("排名后三位的是", 1)[1]
        for r in out.units:
            if r["indicator_name"] == name and f"{r['reporting_unit']}（第" in bottom:
                named_last += 1
                assert r["status"] != "met", (r["reporting_unit"], r["indicator_code"])
    assert named_last or "排名后三位" not in out.bulletin
