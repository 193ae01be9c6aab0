"""考核评分: the plan's ``scoring:`` section (loader findings) and every word of ``ipcounty score``."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the scoring: section of the plan ----------------------------------------------------
    "scoring-unknown-indicator": (
        "评分项的指标 {code} 不在计划中{hint}：请改为各单位填报表上的指标代码（{known}）",
        "scoring item indicator {code} is not in the plan{hint}: use a code from the units' returns ({known})",
    ),
    "scoring-district-indicator": (
        "{code} 是计划的总目标，不由各单位填报，不能按单位评分：评分项请用各单位填报表上的指标（{known}）",
        "{code} is a goal of the whole plan that no unit reports, so it cannot score units: "
        "use an indicator of the units' returns ({known})",
    ),
    "scoring-duplicate-item": (
        "指标 {code} 的评分项重复（第 {first} 项已写过）：每个指标只写一项，把规则合并到前一项",
        "indicator {code} is scored twice (item {first} already scores it): merge the rules into that item",
    ),
    "scoring-item-empty": (
        "{code} 的评分项没有计分规则：写 points（本项分值，可配 bands 分档）、per_shortfall（每差一个单位扣分）或 per_excess（每超一个单位加分）",
        "the scoring item of {code} has no rule: give points (the item's weight, with bands), "
        "per_shortfall (points off per unit short) or per_excess (points added per unit over)",
    ),
    "scoring-bands-need-points": (
        "{code} 写了 bands 但没有 points：bands 按本项分值的比例计分，请写明 points",
        "{code} has bands but no points: bands give a share of the item's points, so give points",
    ),
    "scoring-bands-ceiling": (
        "{code} 是上限指标（不高于目标），不按完成率分档：删去 bands；未超上限得全部 points，超出部分用 per_shortfall 按单位扣分",
        "{code} is a ceiling (at most its target) and is not scored by completion bands: remove bands; "
        "within the cap earns all the points, per_shortfall takes points off per unit over it",
    ),
    "scoring-negative": (
        "{field} 为负数 {value}：分值、扣分、加分和上限都写正数（扣分规则本身就会减分）",
        "{field} is negative ({value}): write points, deductions, bonuses and caps as positive numbers "
        "(a deduction rule subtracts by itself)",
    ),
    "scoring-too-large": (
        "{field} 为 {value}，超过 {limit}：分值、扣分和加分写本项的实际分数（如 15、0.1），请检查是否多写了 0",
        "{field} is {value}, above {limit}: write the item's real points (such as 15 or 0.1); check for an extra 0",
    ),
    "scoring-decimals": (
        "decimals 为 {value}：写 0 到 {limit} 之间的整数（每项得分保留的小数位数，四舍五入）",
        "decimals is {value}: write a whole number from 0 to {limit} (decimals kept in each item's points, rounded half up)",
    ),
    "scoring-empty": (
        "scoring 既没有评分项也没有扣分：至少写一项，如 items: [{{indicator: B1, points: 15, bands: [[1.0, 1.0], [0.9, 0.6]]}}]，或删去 scoring",
        "scoring has neither items nor penalties: add one, e.g. items: [{{indicator: B1, points: 15, "
        "bands: [[1.0, 1.0], [0.9, 0.6]]}}], or remove scoring",
    ),
    "scoring-cap-without-rate": (
        "{code} 写了 {cap} 但没有 {rate}：{cap} 是 {rate} 的上限，单独写不起作用；补上 {rate} 或删去 {cap}",
        "{code} has {cap} but no {rate}: {cap} caps {rate} and does nothing alone; add {rate} or remove {cap}",
    ),
    "scoring-band-shape": (
        "{code} 的第 {n} 档应写成 [完成率, 得分比例] 两个数，如 [0.9, 0.6]（完成 90% 及以上得 60% 的分值）",
        "band {n} of {code} must be two numbers [completion, share of points], e.g. [0.9, 0.6] "
        "(90% done or more earns 60% of the points)",
    ),
    "scoring-band-above-one": (
        "{code} 的完成率门槛 {value} 大于 1：完成率写成小数（如 90% 写 0.9，100% 写 1.0）；超额完成的加分用 per_excess 和 max_bonus",
        "completion floor {value} of {code} is above 1: write completion as a fraction (90% is 0.9, "
        "100% is 1.0); reward work beyond the target with per_excess and max_bonus",
    ),
    "scoring-share-above-one": (
        "{code} 的得分比例 {value} 大于 1：一项最多得 points 分（1 即全部分值）；加分用 per_excess 和 max_bonus",
        "share {value} of {code} is above 1: an item earns at most its points (1 is all of them); "
        "add bonuses with per_excess and max_bonus",
    ),
    "scoring-bands-not-descending": (
        "{code} 的 bands 没有从高到低排列（完成率 {value} 不低于上一档的 {previous}）：按完成率从高到低写，如 [[1.0, 1.0], [0.9, 0.6], [0, 0]]",
        "bands of {code} are not in descending order (completion {value} is not below the band before, "
        "{previous}): list them from the highest completion down, e.g. [[1.0, 1.0], [0.9, 0.6], [0, 0]]",
    ),
    "scoring-bands-share-rises": (
        "{code} 完成率较低的一档（{value}）得分比例 {share} 高于上一档的 {previous}：完成率越低，得分比例应越低或相同",
        "the lower band of {code} (completion {value}) earns {share}, more than the band before ({previous}): "
        "a lower completion must earn the same share or less",
    ),
    # ---- the reasons of an item's points ---------------------------------------------------------
    "score.done-of": ("完成 {actual}/{target}（{pct}）", "{actual} of {target} done ({pct})"),
    "score.done-of-expected": (
        "完成 {actual}，序时应完成 {expected}（为序时应完成的 {pct}）",
        "{actual} done, {expected} expected to date ({pct} of it)",
    ),
    "score.nothing-expected": ("序时应完成为 0，按达到计", "nothing expected yet: counted as reached"),
    "score.yes": ("填报“是”", "answered yes"),
    "score.no": ("填报“否”", "answered no"),
    "score.no-target": ("无目标，本项不计分", "no target: the item is not scored"),
    "score.no-target-full": ("无目标，按满分计，得 {points} 分", "no target: counted as met, {points} points"),
    "score.not-submitted-zero": ("未报送，完成按 0 计", "not submitted: counted as 0 done"),
    "score.no-figure-zero": ("没有数字，完成按 0 计", "no figure: counted as 0 done"),
    "score.points": ("得 {points} 分", "{points} points"),
    "score.band-reached": ("达到 {floor}，得 {points} 分", "{floor} reached: {points} points"),
    "score.band-reached-share": (
        "达到 {floor}，得 {points} 分（{weight} 分的 {share}）",
        "{floor} reached: {points} points ({share} of {weight})",
    ),
    "score.band-below": ("低于 {floor}，得 {points} 分", "below {floor}: {points} points"),
    "score.band-below-share": (
        "低于 {floor}，得 {points} 分（{weight} 分的 {share}）",
        "below {floor}: {points} points ({share} of {weight})",
    ),
    "score.proportional": (
        "按完成比例得 {points} 分（{weight} 分 × {pct}）",
        "{points} points in proportion ({weight} × {pct})",
    ),
    "score.shortfall": ("差 {amount}，扣 {points} 分", "{amount} short: −{points}"),
    "score.shortfall-capped": (
        "差 {amount}，应扣 {full} 分，本项最多扣 {cap} 分，扣 {points} 分",
        "{amount} short: −{full}, capped at {cap}: −{points}",
    ),
    "score.shortfall-yesno": ("未完成，扣 {points} 分", "not done: −{points}"),
    "score.shortfall-yesno-capped": (
        "未完成，应扣 {full} 分，本项最多扣 {cap} 分，扣 {points} 分",
        "not done: −{full}, capped at {cap}: −{points}",
    ),
    "score.excess": ("超 {amount}，加 {points} 分", "{amount} over: +{points}"),
    "score.excess-capped": (
        "超 {amount}，应加 {full} 分，本项最多加 {cap} 分，加 {points} 分",
        "{amount} over: +{full}, capped at {cap}: +{points}",
    ),
    "score.ceiling-of": ("实际 {actual}，上限 {target}", "{actual}, cap {target}"),
    "score.ceiling-within": ("未超上限，得 {points} 分", "within the cap: {points} points"),
    "score.ceiling-exceeded": ("超出上限，得 {points} 分", "over the cap: {points} points"),
    "score.over-cap": ("超出上限 {amount}，扣 {points} 分", "{amount} over the cap: −{points}"),
    "score.over-cap-capped": (
        "超出上限 {amount}，应扣 {full} 分，本项最多扣 {cap} 分，扣 {points} 分",
        "{amount} over the cap: −{full}, capped at {cap}: −{points}",
    ),
    "score.under-cap": ("低于上限 {amount}，加 {points} 分", "{amount} under the cap: +{points}"),
    "score.under-cap-capped": (
        "低于上限 {amount}，应加 {full} 分，本项最多加 {cap} 分，加 {points} 分",
        "{amount} under the cap: +{full}, capped at {cap}: +{points}",
    ),
    # ---- penalties and units that cannot be scored -------------------------------------------
    "score.penalty.not_submitted": ("未报送，扣 {points} 分", "not submitted: −{points}"),
    "score.penalty.overdue": ("逾期未报，扣 {points} 分", "overdue: −{points}"),
    "score.penalty.rejected": ("有填报表被退回，扣 {points} 分", "a return was sent back: −{points}"),
    "score.penalty.conflict": ("填报表数字冲突，扣 {points} 分", "returns in conflict: −{points}"),
    "score.penalty.double_counted": (
        "重复计算 {count} 项（{keys}），每项扣 {each} 分，扣 {points} 分",
        "{count} item(s) counted twice ({keys}), −{each} each: −{points}",
    ),
    "score.unscored.rejected": (
        "无法评分：填报表有错误已退回，没有可用的数字；请按退回意见修改后重报",
        "Cannot be scored: its return has errors and was sent back, so no figure can be used; "
        "it must fix the return and send it again",
    ),
    "score.unscored.conflict": (
        "无法评分：两份截至日期相同的填报表数字不一致（{detail}），不知用哪一份；请核实后重报",
        "Cannot be scored: two returns with the same date disagree ({detail}); "
        "confirm the right figures and send one return",
    ),
    # one figure two same-dated returns disagree on (several are listed with 、 / ", ")
    "score.conflict.figures": ("{code} 分别填 {one} 和 {other}", "{code} is {one} in one and {other} in the other"),
    # ---- the score sheet ----------------------------------------------------------------------
    "score-district-not-scored": (
        "{district}不参与考核评分：--unit 只能选各{unit_word}",
        "the {District} is not scored: --unit takes a {unit_word}",
    ),
    "score-no-rules": (
        "计划文件 {path} 没有 scoring（考核评分规则）部分，无法评分：在计划文件末尾加上 scoring:，写明 start、basis、items 和 penalties（格式见 README「考核评分」，data/targets.yaml 末尾有一份示例可参照）",
        "plan file {path} has no scoring section, so there is nothing to score by: add scoring: at the end of "
        'the plan with start, basis, items and penalties (see README "考核评分"; data/targets.yaml ends with an example)',
    ),
    "score.title": ("{year}年度各{unit_word}考核评分", "{Unit_word} scores {year}"),
    "score.subtitle": ("{basis}，截至{date}", "{basis}, as of {date}"),
    "score.basis.year": ("按年度目标评分", "judged against the year's targets"),
    "score.basis.schedule": ("按序时进度评分", "judged against the amount expected to date"),
    "score.sheet": ("考核评分", "Scores"),
    "score.rules.title": ("考核评分规则（{basis}，基础分 {start}）", "Scoring rules ({basis}, start {start})"),
    "score.rules.col.rule": ("计分规则", "Rule"),
    "score.rules.bands": (
        "{points} 分，按完成率分档：{bands}，其余 0 分",
        "{points} points by completion: {bands}, else 0",
    ),
    "score.rules.band": ("≥{floor} 得 {share}", "≥{floor}: {share}"),
    "score.rules.proportional": ("{points} 分，按完成比例计", "{points} points in proportion to completion"),
    "score.rules.ceiling": ("{points} 分，未超上限得满分", "{points} points within the cap"),
    "score.rules.yesno": ("{points} 分，“是”得满分", "{points} points for yes"),
    "score.rules.shortfall": ("每差 1 {unit}扣 {per} 分", "−{per} per {unit} short"),
    "score.rules.excess": ("每超 1 {unit}加 {per} 分", "+{per} per {unit} over"),
    "score.rules.cap-deduction": ("最多扣 {cap} 分", "at most −{cap}"),
    "score.rules.cap-bonus": ("最多加 {cap} 分", "at most +{cap}"),
    "score.rules.penalties": ("扣分：{penalties}", "Penalties: {penalties}"),
    "score.rules.penalty.not_submitted": ("未报送 {points} 分", "not submitted {points}"),
    "score.rules.penalty.overdue": ("逾期未报 {points} 分", "overdue {points}"),
    "score.rules.penalty.rejected": ("退回 {points} 分", "sent back {points}"),
    "score.rules.penalty.conflict": ("冲突 {points} 分", "conflict {points}"),
    "score.rules.penalty.double_counted_per_item": ("重复计算每项 {points} 分", "counted twice {points} per item"),
    "score.rules.no-penalties": ("扣分：无", "Penalties: none"),
    "score.col.rank": ("排名", "Rank"),
    "score.col.score": ("得分", "Score"),
    "score.col.penalties": ("扣分", "Penalties"),
    "score.col.explanation": ("得分说明", "Explanation"),
    "score.items": ("评分项：{items}", "Items: {items}"),
    "score.item-weight": ("{code} {name}（{points} 分）", "{code} {name} ({points} points)"),
    "score.item-deductions": ("{code} {name}（只扣分）", "{code} {name} (deductions only)"),
    "score.item-total": ("本项 {points} 分", "item {points}"),
    "score.penalty-list": ("扣分：{penalties}", "Penalties: {penalties}"),
    "score.formula": ("得分 {formula}", "Score {formula}"),
    "score.not-scored": ("无法评分", "not scored"),
    "score.not-scored-short": ("无法评分", "n/a"),
    "score.heading.explanations": ("得分说明", "How each score was reached"),
    "score.rounding": (
        "每项得分四舍五入保留 {decimals} 位小数后相加",
        "each item's points are rounded half up to {decimals} decimal(s) before adding",
    ),
    "score.unit-item": ("项", "item"),  # the unit of an indicator that names none
}
