"""Make the bundled example returns under examples/returns/ (committed; shipped in the package).

    python examples/make_examples.py

Fixed seed and fixed timestamps: running it again gives the same figures. The returns show
every situation the report must explain:

- 2024: all 11 townships and the district, full year (three also sent a mid-year return).
- 2025: full year; 矿区街道 missing; 文化路街道 rejected (an empty cell and words for a
  number); 税郭镇 sent twice (06-30, then 12-31); 孟庄镇 sent two different returns dated
  12-31 (a conflict); 光明路街道's latest is dated 11-30 (序时进度 < 100%); warnings for
  full-width digits and the misprinted name 各塔埠街道; a stray notice that is skipped.
- 2026: as of 2026-09-30, seven townships and the district have reported.

2025 shows every status of SPEC v2: met (税郭镇 B1), on track (district goals G03, G05 …; and
光明路街道 B1, 14 of 15 on 30 November, with ``--as-of 2025-12-31``), behind with a yellow light
(永安镇 B1 14 of 15; G01, G02) and a red one (龙山路街道), not submitted, overdue (光明路街道 once
December's return is due), rejected, conflict; the district form gives the 基期值 of every stock
goal but G04, which is therefore ``no_baseline``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ipcounty.plan import Plan, load_plan
from ipcounty.returns.fill import fill_return, sample_items
from ipcounty.returns.layout import template_filename
from ipcounty.returns.template import rows_for, write_template

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "examples" / "returns"
STAMP = dt.datetime(2026, 10, 8, 9, 0, 0)

DISTRICT_LEVELS = {  # rough end-of-year levels of the district's own goals
    2024: {"G01": 372, "G02": 10150, "G03": 5, "G04": 11, "G07": 1, "G12": 88.5, "G15": 95.2},
    2025: {"G01": 468, "G02": 11620, "G03": 6, "G04": 15, "G07": 2, "G12": 91.3, "G15": 96.4},
    2026: {"G01": 551, "G02": 12480, "G03": 6, "G04": 17, "G07": 2, "G12": 89.0, "G15": 97.1},
}
DISTRICT_FLOWS = {  # amounts added in each year
    2024: {"G05": 1, "G08": 0.85, "G10": 4, "G11": 5, "G13": 1, "G14": 13, "G17": 31, "G18": 16, "G19": 220},
    2025: {"G05": 2, "G08": 1.2, "G10": 5, "G11": 6, "G13": 1, "G14": 15, "G17": 28, "G18": 18, "G19": 240},
    2026: {"G05": 1, "G08": 0.55, "G10": 2, "G11": 3, "G13": 0, "G14": 9, "G17": 17, "G18": 10, "G19": 150},
}
STATES = {2024: "推进中", 2025: "推进中", 2026: "已完成"}
# 基期值 (the level at the start of 2024) on the district form; G04 left blank: no_baseline.
BASELINES = {"G01": 300, "G02": 9000, "G03": 3, "G07": 1}


def township_values(
    plan: Plan, rng: random.Random, unit: str, year: int, share: float, strength: float
) -> dict[str, Any]:
    """Figures for one township: yearly flows around ``strength`` × the pro-rata target."""
    out: dict[str, Any] = {}
    for row in rows_for(plan, unit, year):
        ind = row.indicator
        target = row.target or 0
        if ind.kind == "yesno":
            out[ind.code] = "是" if rng.random() < 0.9 else "否"
        elif ind.code == "D2":
            out[ind.code] = rng.choice([1, 2, 2, 3])
        elif ind.scope == "period":
            # 优势企业 / 指导站: at most one a year.
            out[ind.code] = 1 if rng.random() < 0.45 * strength else 0
        else:
            out[ind.code] = max(0, round(target * share * strength * rng.uniform(0.85, 1.15)))
    return out


def district_values(year: int, share: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code, level in DISTRICT_LEVELS[year].items():
        out[code] = level
    for code, amount in DISTRICT_FLOWS[year].items():
        out[code] = round(amount * share, 2) if code == "G08" else round(amount * share)
    for code in ("Q1", "Q2", "Q3", "Q4"):
        out[code] = STATES[year] if code != "Q3" else "推进中"
    return out


def pin_zip_times(path: Path) -> None:
    """Rewrite the zip with fixed entry times, so the same figures give the same bytes (SHA-256)."""
    with zipfile.ZipFile(path) as zf:
        entries = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(fixed, data)


def main(out_dir: Path = OUT) -> None:
    """Write every example return under ``out_dir`` (the committed folder unless a test asks for another)."""
    plan = load_plan(ROOT / "data" / "targets.yaml")
    rng = random.Random(20240229)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp = Path(tempfile.mkdtemp())
    strength = {u: rng.uniform(0.7, 1.3) for u in plan.unit_names}
    strength["龙山路街道"] = 0.55  # the one that is always behind

    def template(unit: str, year: int) -> Path:
        path = tmp / template_filename(year, unit)
        if not path.exists():
            write_template(plan, unit, year, path, today=STAMP.date())
        return path

    def details(unit: str, year: int, values: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for code, value in values.items():
            spec = plan.indicator(code).evidence
            if spec is not None and isinstance(value, int) and value > 0:
                out[code] = sample_items(spec, value, year, unit, start=(year - 2024) * 100)
        return out

    def write(unit: str, year: int, as_of: dt.date, values: dict[str, Any], name: str | None = None, **kw: Any) -> None:
        fname = name or template_filename(year, unit)
        kw.setdefault("details", details(unit, year, values))
        out = fill_return(
            template(unit, year), out_dir / str(year) / fname, as_of=as_of, values=values, fixed_time=STAMP, **kw
        )
        pin_zip_times(out)

    def share(d: dt.date) -> float:
        return plan.elapsed_share(d, d.year)

    # 2024: everyone, full year; three mid-year returns superseded by the year-end ones.
    for unit in plan.unit_names:
        end = dt.date(2024, 12, 31)
        if unit in ("税郭镇", "齐村镇", "中心街街道"):
            mid = dt.date(2024, 6, 30)
            write(
                unit,
                2024,
                mid,
                township_values(plan, rng, unit, 2024, share(mid), strength[unit]),
                name=f"2024_{unit}_填报表_0630.xlsx",
            )
        values = township_values(plan, rng, unit, 2024, 1.0, strength[unit])
        if unit == "税郭镇":
            values["B2"] = 1  # the enterprise it will claim again in 2025
        write(unit, 2024, end, values)
    write("全区", 2024, dt.date(2024, 12, 31), district_values(2024, 1.0), baselines=BASELINES)

    # 2025: full year, with every situation.
    end = dt.date(2025, 12, 31)
    for unit in plan.unit_names:
        if unit == "矿区街道":
            continue  # never reported
        values = township_values(plan, rng, unit, 2025, 1.0, strength[unit])
        if unit == "税郭镇":
            mid = dt.date(2025, 6, 30)
            write(
                unit,
                2025,
                mid,
                township_values(plan, rng, unit, 2025, share(mid), strength[unit]),
                name="2025_税郭镇_填报表_上半年.xlsx",
            )
            # Double counting: the enterprise already claimed in 2024 is claimed again.
            values["B2"] = 1
            again = details(unit, 2025, values)
            b2 = plan.indicator("B2").evidence
            assert b2 is not None
            again["B2"] = [dict(sample_items(b2, 1, 2024, unit)[0], 认定年度=2025)]
            write(unit, 2025, end, values, details=again)
        elif unit == "永安镇":
            values["B1"] = 14  # one short of 15: behind by 6.7 points, a yellow light
            # Double counting: one of 齐村镇's 2025 patents is claimed here too.
            own = details(unit, 2025, values)
            b1 = plan.indicator("B1").evidence
            assert b1 is not None
            theirs = sample_items(b1, 1, 2025, "齐村镇", start=100)
            own["B1"] = [*own["B1"][:-1], theirs[0]]
            write(unit, 2025, end, values, details=own)
        elif unit == "孟庄镇":
            write(unit, 2025, end, values)
            corrected = dict(values, B1=values["B1"] + 3)
            write(
                unit,
                2025,
                end,
                corrected,
                name="2025_孟庄镇_填报表（更正）.xlsx",
                notes={"B1": "更正：补报3件"},
                details=details(unit, 2025, corrected),
            )
        elif unit == "文化路街道":
            write(unit, 2025, end, dict(values, B3=None, B5="一次"))
        elif unit == "光明路街道":
            nov = dt.date(2025, 11, 30)
            # 14 of 15 on 30 November (序时进度 91.5%, expected 13.7): on track, not yet met.
            write(unit, 2025, nov, dict(township_values(plan, rng, unit, 2025, share(nov), strength[unit]), B1=14))
        elif unit == "西王庄镇":
            write(
                unit,
                2025,
                end,
                dict(values, B1="１２个"),
                notes={"B1": "含高校转化2件"},
                details=details(unit, 2025, dict(values, B1=12)),
            )
        elif unit == "垎塔埠街道":
            write(unit, 2025, end, values, header={"镇街": "各塔埠街道"})
        else:
            write(unit, 2025, end, values)
    write(
        "全区",
        2025,
        end,
        district_values(2025, 1.0),
        notes={"Q3": "已完成数据知识产权登记试点企业遴选", "G08": "含专利、商标质押"},
        baselines=BASELINES,
    )
    (out_dir / "2025" / "关于报送2025年度知识产权工作情况的通知.txt").write_text(
        "请各镇街于1月10日前报送填报表。\n", encoding="utf-8"
    )

    # 2026: as of 30 September, partial.
    sep = dt.date(2026, 9, 30)
    for unit in plan.unit_names[:7]:
        write(unit, 2026, sep, township_values(plan, rng, unit, 2026, share(sep), strength[unit]))
    write("全区", 2026, sep, district_values(2026, share(sep)), baselines=BASELINES)
    shutil.rmtree(tmp)
    count = sum(1 for _ in out_dir.rglob("*.xlsx"))
    print(f"wrote {count} returns under {out_dir}")


if __name__ == "__main__":
    main()
