"""The dashboard's words in Chinese (default) and English, and unit display for numbers.

Parameter and policy names come from their registries; this module holds only the words
of the page itself, of targeting choices, and of the common policy fields.
"""

from __future__ import annotations

from ..scenario.choice_words import CHOICE_WORDS

LANGS = ("zh", "en")

WORDS: dict[str, tuple[str, str]] = {
    "app_title": ("乡村片区组团发展 · 课堂沙盘", "Village-cluster development · classroom sandbox"),
    "language": ("语言", "Language"),
    "run": ("运行", "Run"),
    "step_month": ("前进一个月", "Step one month"),
    "run_years": ("运行 {n} 年", "Run {n} years"),
    "years_to_run": ("每次运行年数", "Years per run"),
    "reset": ("重置", "Reset"),
    "apply": ("应用设置并重算", "Apply and rerun"),
    "pending": ("设置已改动，点“应用设置并重算”生效", "Settings changed: press 'Apply and rerun'"),
    "finished": ("已到模拟终点（{y} 年）", "End of the simulation ({y})"),
    "not_started": ("{year} 年初，尚未运行", "Start of {year}, not run yet"),
    "package_settings": ("设置 · 参数", "Settings"),
    "weak_operating": ("薄弱村经营性收入", "weak villages' operating"),
    "now": ("当前：{year} 年 {month} 月", "Now: {year}, month {month}"),
    "now_closed": ("当前：{year} 年已结账（第 {t} 年）", "Now: {year} closed (year {t})"),
    "base_year": ("基准年", "base year"),
    "policies": ("政策工具包", "Policy packages"),
    "clusters": ("片区怎样划", "How clusters are drawn"),
    "parameters": ("关键参数", "Key parameters"),
    "more_parameters": ("全部参数", "All parameters"),
    "seed": ("随机种子", "Random seed"),
    "locked": ("教师已锁定", "locked by the teacher"),
    "map_title": ("县域片区图（颜色：村集体经营性收入）", "The county (colour: collective operating income)"),
    "map_strong": ("强村（方形）", "strong village (square)"),
    "map_weak": ("薄弱村（红边三角）", "weak village (red-edged triangle)"),
    "map_other": ("其他村（圆形）", "other village (circle)"),
    "map_key": ("重点村（加粗边）", "key village (thick edge)"),
    "map_click": ("点击村庄查看账目", "Click a village to see its accounts"),
    "unclustered": ("未入片区", "not in a cluster"),
    "partner": ("结对山区县", "partner mountain county"),
    "partner_summary": ("{name}：{n} 个村，村均经营性收入 {op} 万元（基线 {base} 万元），村均总收入 {tot} 万元",
                        "{name}: {n} villages, operating income {op} (baseline {base}), total {tot} — 10k yuan per village"),
    "colour_scale": ("万元", "10k yuan"),
    "village": ("村庄", "Village"),
    "choose_village": ("选择村庄", "Choose a village"),
    "accounts": ("集体账目（上一结账年）", "Collective accounts (last closed year)"),
    "households_income": ("农户收入（人均，元/年）", "Household income (per person, yuan/year)"),
    "all_households": ("全体农户", "all households"),
    "low_income_households": ("低收入农户", "low-income households"),
    "no_year_closed": ("还没有结账年：先运行一年", "No year closed yet: run a year first"),
    "cluster": ("片区", "Cluster"),
    "strong": ("强村", "strong"),
    "weak": ("薄弱村", "weak"),
    "key": ("重点村", "key village"),
    "chart_collective": ("村集体收入（村均，万元）", "Collective income (per village, 10k yuan)"),
    "chart_difference": ("{year} 年与基线的差：村均经营性收入（万元）",
                         "Difference from baseline in {year}: operating income per village (10k yuan)"),
    "group_all": ("全部村", "all villages"),
    "group_surrounding": ("周边村", "surrounding"),
    "chart_farmer": ("农民人均可支配收入（元）", "Farmer income per capita (yuan)"),
    "total": ("总收入", "total"),
    "operating": ("经营性收入", "operating"),
    "all_farmers": ("全体", "all"),
    "low_income": ("低收入农户", "low-income"),
    "current": ("本组方案", "this run"),
    "baseline": ("基线（政策全关）", "baseline (policies off)"),
    "year": ("年份", "Year"),
    "summary": ("最近结账年对比基线", "Last closed year vs. baseline"),
    "metric": ("指标", "Indicator"),
    "this_run": ("本组", "this run"),
    "difference": ("差额", "difference"),
    "effect_parts": ("差额从哪里来（{year}）", "Where the difference comes from ({year})"),
    "transfer_part": ("转移/保底支付部分", "paid by transfers and guarantees"),
    "induced_part": ("带动部分（市场收入）", "induced (market income)"),
    "effect_parts_help": ("差额 = 转移/保底支付部分 + 带动部分：补贴和保底分红抬高收入，但不是发展起来的收入。",
                          "difference = transfer and guarantee part + induced part: subsidies and guaranteed dividends "
                          "raise incomes but are not income the villages earn."),
    "inequality": ("不平等的两种度量（{year}）", "Inequality, two measures ({year})"),
    "inequality_help": ("两者可以反向变动：重点村拿走大部分时基尼系数升高，而强弱村之比仍可能缩小。",
                        "They can move in opposite directions: the Gini rises when key villages take most, while "
                        "the strong/weak ratio may still narrow."),
    "challenge": ("课堂挑战", "Classroom challenge"),
    "budget": ("政策预算", "Policy budget"),
    "budget_used": ("已分配 {used} / {total} 万元", "Allocated {used} of {total} (10k yuan)"),
    "budget_over": ("超出预算 {over} 万元：请减少某项政策的预算", "Over budget by {over} (10k yuan): cut a package's budget"),
    "budget_zero": ("“{name}”已开启但没有预算（不限额或 0）：课堂上请给它分配预算",
                    "'{name}' is on without a budget (unlimited or 0): give it a budget in class"),
    "below_unit_none": ("预算 {budget} 万元不够一个{unit_name}（每{unit_name}需 {unit} 万元）：这项政策什么也做不了，运行时不起作用",
                        "Budget {budget} is below one {unit_name} ({unit} per {unit_name}, 10k yuan): this package can "
                        "fund nothing and will not act"),
    "below_unit_partial": ("预算 {budget} 万元不够一个{unit_name}（每{unit_name}需 {unit} 万元）：只能部分资助",
                           "Budget {budget} is below one {unit_name} ({unit} per {unit_name}, 10k yuan): it can only "
                           "part-fund one"),
    "package_use": ("本次运行：实际花费 {paid} 万元（预算 {budget}），覆盖 {villages} 个村{households}",
                    "This run: paid {paid} (budget {budget}, 10k yuan), reached {villages} villages{households}"),
    "package_households": ("、{n} 户", ", {n} households"),
    "package_unused": ("本次运行：未花钱，未覆盖任何村（预算不够一个单位）",
                       "This run: nothing paid, nothing reached (budget below one unit)"),
    "no_limit": ("不限额", "no limit"),
    "spent_total": ("本次运行实际花费 {paid} 万元", "Actually paid in this run: {paid} (10k yuan)"),
    "goal": ("目标", "Goal"),
    "goal_met": ("达成", "met"),
    "goal_not_met": ("未达成", "not met"),
    "goal_pending": ("待验证（需运行到第 {t} 年）", "to be checked (run to year {t})"),
    "group": ("小组", "Group"),
    "group_taken": ("“{group}”已被另一台设备选用，请选择本组自己的名字",
                    "'{group}' is already taken on another device: choose your own group"),
    "group_needed": ("请先选择小组", "Choose your group first"),
    "note": ("本组的理由（可选）", "Your group's reasoning (optional)"),
    "submit": ("提交本组结果", "Submit our result"),
    "submitted": ("已提交：{group}，{year} 年", "Submitted: {group}, {year}"),
    "submit_needs_years": ("请先运行到第 {t} 年再提交", "Run to year {t} before submitting"),
    "error": ("出错了", "Something went wrong"),
    "on": ("开启", "on"),
    "working": ("计算中…", "Working…"),
}

# Unit words of the parameter registry and of field-name suffixes, with a display scale:
# amounts of whole villages read best in 万元 (10k yuan), wages and rents per unit in 元.
UNITS: dict[str, tuple[str, str]] = {
    "yuan": ("元", "yuan"), "yuan/year": ("元/年", "yuan/year"), "yuan/month": ("元/月", "yuan/month"),
    "yuan/month/elderly": ("元/月/老人", "yuan/month/elderly"),
    "yuan/month/person": ("元/月/人", "yuan/month/person"), "yuan/mu/year": ("元/亩/年", "yuan/mu/year"),
    "yuan/m²/year": ("元/㎡/年", "yuan/m²/year"), "yuan/m²": ("元/㎡", "yuan/m²"), "yuan/mu": ("元/亩", "yuan/mu"),
    "yuan/visitor": ("元/人次", "yuan/visitor"), "yuan/job/year": ("元/岗位/年", "yuan/job/year"),
    "yuan/year/village": ("元/村/年", "yuan/village/year"), "yuan/household/year": ("元/户/年", "yuan/household/year"),
    "share": ("比例", "share"), "1/year": ("每年", "per year"), "km": ("公里", "km"), "mu": ("亩", "mu"),
    "road km": ("道路公里", "road km"), "yuan/year per member per km": ("元/成员/公里/年", "yuan/member/km/year"),
    "yuan/year per led village": ("元/被带村/年", "yuan/led village/year"),
    "year": ("年", "years"), "calendar year": ("年份", "calendar year"), "month": ("月", "months"),
    "trips/resident/year": ("次/人/年", "trips/resident/year"), "million people": ("百万人", "million people"),
    "exponent": ("指数", "exponent"), "fully scenic villages at 60 km": ("个60公里外的满分景区村", "fully scenic villages at 60 km"),
    "visitors/month at scenic = 1": ("人次/月（景观=1）", "visitors/month at scenic = 1"),
    "share of visitors": ("占游客比例", "share of visitors"), "worker-equivalents": ("个劳动力当量", "worker-equivalents"),
    "log-sd/year": ("对数标准差/年", "log-sd/year"), "jobs/1000 m²": ("岗位/千㎡", "jobs/1000 m²"),
    "debt / assets": ("负债/资产", "debt / assets"), "workers/100 mu": ("人/百亩", "workers/100 mu"),
    "months of costs": ("个月的成本", "months of costs"),
    "share of tourism revenue": ("占文旅营收的比例", "share of tourism revenue"),
    "share of workers": ("占劳动力的比例", "share of workers"),
    "share of the transfer": ("占财政补助的比例", "share of the transfer"),
    "share of value added": ("占增加值的比例", "share of value added"),
    "share of surplus": ("占盈余的比例", "share of surplus"),
    "share of revenue": ("占营收的比例", "share of revenue"), "share of spending": ("占支出的比例", "share of spending"),
    "share of rent": ("占租金的比例", "share of rent"), "share of spare cash": ("占可用现金的比例", "share of spare cash"),
    "share of operating income": ("占经营性收入的比例", "share of operating income"),
    "share of total income": ("占总收入的比例", "share of total income"),
    "days/mu/year": ("工日/亩/年", "days/mu/year"), "rule": ("规则", "rule"),
    "share above the line": ("高出标准线的比例", "share above the line"),
    "share of household income": ("占农户收入的比例", "share of household income"),
    "share of margin": ("占利差的比例", "share of margin"), "share of the gap": ("占差额的比例", "share of the gap"),
    "share per year": ("每年比例", "share per year"), "utility": ("效用", "utility"),
    "yuan/km/month": ("元/公里/月", "yuan/km/month"), "yuan/resident/year": ("元/常住人口/年", "yuan/resident/year"),
    "× tourism operators' revenue": ("× 文旅经营主体营收", "× tourism operators' revenue"),
    "months of spending": ("个月的支出", "months of spending"),
    "share of investment": ("占投资的比例", "share of investment"),
    "× 低保 standard": ("× 低保标准", "× dibao (低保) standard"),
    "m²": ("㎡", "m²"), "log-sd": ("对数标准差", "log-sd"), "AR(1) coefficient": ("一阶自回归系数", "AR(1) coefficient"),
    "days/month": ("天/月", "days/month"), "elasticity": ("弹性", "elasticity"),
    "km per km of offset": ("公里/公里偏移", "km per km of offset"),
    "scenic endowment (0–1)": ("景观禀赋（0–1）", "scenic endowment (0–1)"),
    "weight (normalised to mean 1)": ("权重（均值归一为1）", "weight (normalised to mean 1)"),
    "× revenue per mu without a specialty": ("× 无特色产业的亩均产值", "× revenue per mu without a specialty"),
}


def tr(key: str, lang: str, **fmt) -> str:
    """The word for ``key`` in ``lang`` ('zh' or 'en'), formatted with ``fmt``."""
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def choice_label(value: str, lang: str) -> str:
    return pick(CHOICE_WORDS[value], lang) if value in CHOICE_WORDS else value


def wan(yuan: float, digits: int = 1) -> str:
    """Yuan as 万元 text, e.g. 1234567 -> '123.5'."""
    return f"{yuan / 1e4:,.{digits}f}"
