"""The single declaration of every numeric model parameter: default, unit, range, source.

Validation, ``--set``, the ODD parameter tables and the dashboard controls all read this
registry, so none of them can drift from the others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Param:
    """One model parameter. ``path`` is its dotted key in the scenario file."""

    path: str
    default: float | int | bool | str
    unit: str
    low: float | None
    high: float | None
    source: str
    zh: str
    en: str
    choices: tuple[str, ...] | None = None

    @property
    def kind(self) -> type:
        return type(self.default)

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind is bool:
            return "true or false"
        lo = "-inf" if self.low is None else f"{self.low:g}"
        hi = "inf" if self.high is None else f"{self.high:g}"
        return f"a {'whole number' if self.kind is int else 'number'} in [{lo}, {hi}]"


A = "assumption, calibrated to the Jiaxing targets in DOMAIN.md"
P = Param

PARAMS: tuple[Param, ...] = (
    # --- simulation ---------------------------------------------------------------------
    P("simulation.years", 10, "year", 1, 100, "user choice", "模拟年数", "years simulated"),
    P("simulation.start_year", 2024, "calendar year", 2000, 2100, "DOMAIN.md (latest statistics 2024)",
      "起始年份", "first calendar year"),
    P("simulation.weak_line_operating_yuan", 1_000_000.0, "yuan/year", 0, 1e9,
      "assumption: a village below 1 million yuan of operating income counts as weak in Jiaxing terms",
      "薄弱村经营性收入线", "weak-village operating-income line"),
    P("simulation.strong_share", 0.25, "share", 0.01, 0.5, "assumption: top quarter of villages by initial operating income",
      "强村比例（按初始经营性收入）", "share of villages counted strong"),
    P("simulation.weak_share", 0.25, "share", 0.01, 0.5, "assumption: bottom quarter of villages by initial operating income",
      "弱村比例（按初始经营性收入）", "share of villages counted weak"),
    # --- labour and wages ---------------------------------------------------------------
    P("economy.wage_local_yuan_month", 4300.0, "yuan/month", 500, 50000, A,
      "本地企业月工资", "monthly wage in a village enterprise"),
    P("economy.wage_commute_yuan_month", 5600.0, "yuan/month", 500, 50000, A,
      "通勤就业月工资（县城/上海方向）", "monthly wage when commuting"),
    P("economy.wage_migrant_yuan_month", 6200.0, "yuan/month", 500, 50000, A,
      "外出务工月工资", "monthly wage of a migrant worker"),
    P("economy.migrant_remit_share", 0.55, "share", 0, 1,
      "assumption: share of a migrant's wage counted in the household's disposable income",
      "外出务工收入计入家庭的比例", "share of migrant wage reaching the household"),
    P("economy.max_commute_km", 45.0, "km", 1, 300,
      "assumption: daily commute radius around the county town / Shanghai edge",
      "最大通勤距离", "maximum daily commute distance"),
    P("economy.wage_growth", 0.05, "1/year", -0.2, 0.5,
      "DOMAIN.md: Jiaxing rural income +5.2 % in 2024", "工资年增长率", "annual wage growth"),
    P("economy.local_wage_premium_key_village", 0.05, "share", 0, 1, "assumption",
      "重点村企业工资溢价", "wage premium in key-village enterprises"),
    # --- land -------------------------------------------------------------------------
    P("economy.land_rent_yuan_mu_year", 1000.0, "yuan/mu/year", 0, 10000,
      "DOMAIN.md: over 1,000 yuan per mu in suburban Zhejiang; 800 before consolidation (000)",
      "土地流转租金", "land-transfer rent"),
    P("economy.self_farm_net_yuan_mu_year", 250.0, "yuan/mu/year", 0, 10000,
      "DOMAIN.md: 200–300 yuan net per mu from self-farming", "自耕每亩净收益", "net income per mu farmed by the household"),
    P("economy.farming_preference_mean_yuan_mu", 450.0, "yuan/mu/year", -10000, 10000,
      "assumption: sets about three quarters of contracted land leased out, as in Jiaxing",
      "自耕偏好均值", "mean attachment to farming one's own land"),
    P("economy.migration_share", 0.12, "share of workers", 0, 1,
      "assumption: workers who migrate for higher wages even when commuting is possible",
      "外出务工倾向", "share of workers migrating though they could commute"),
    P("economy.farming_preference_sd_yuan_mu", 500.0, "yuan/mu/year", 0, 10000,
      "assumption: spread of households' attachment to farming their own land",
      "自耕偏好离散度", "spread of the preference to farm one's own land"),
    P("economy.agri_revenue_yuan_mu_year", 5000.0, "yuan/mu/year", 0, 200000,
      "assumption: grain/vegetable operator gross margin per mu; flower chains reach 100,000 (000)",
      "农业经营主体亩均产值", "agricultural operator's revenue per mu"),
    P("economy.agri_workers_per_100mu", 2.0, "workers/100 mu", 0, 100, "assumption",
      "每百亩雇工", "hired workers per 100 mu"),
    # --- household business and transfers ----------------------------------------------
    P("economy.house_rent_yuan_year", 12000.0, "yuan/year", 0, 1e6,
      "assumption: rooms let to migrant workers, the main rural property income in Jiaxing",
      "出租房屋年租金", "yearly rent from rooms let to migrant workers"),
    P("economy.household_business_share", 0.40, "share", 0, 1, A,
      "经营个体工商户的农户比例", "share of households running a non-farm business"),
    P("economy.household_business_income_yuan_year", 85000.0, "yuan/year", 0, 1e7, A,
      "个体经营户年均净收入", "mean net income of a household business"),
    P("economy.business_growth", 0.05, "1/year", -0.2, 0.5, A,
      "经营收入年增长率", "annual growth of business income"),
    P("economy.pension_yuan_month", 1700.0, "yuan/month/elderly", 0, 20000,
      "assumption: mix of urban-rural resident and land-lost-farmer pensions in Jiaxing",
      "老年人月养老金", "monthly pension per elderly member"),
    P("economy.basic_pension_yuan_month", 600.0, "yuan/month/elderly", 0, 20000,
      "assumption: urban-rural residents' basic pension, what elderly members of low-income households draw",
      "城乡居民基础养老金", "basic residents' pension (low-income households)"),
    P("economy.low_income_allowance_yuan_month", 1150.0, "yuan/month/person", 0, 20000,
      "assumption: Jiaxing minimum living standard (低保) 2024", "低保月标准（每人）",
      "monthly allowance per member of a low-income household"),
    P("economy.transfer_growth", 0.04, "1/year", -0.2, 0.5, A, "转移性收入年增长率", "annual growth of transfers"),
    # --- enterprises --------------------------------------------------------------------
    P("enterprises.factory_jobs_per_1000m2", 6.0, "jobs/1000 m²", 0, 100, "assumption",
      "每千平方米厂房岗位", "jobs per 1,000 m² of factory building"),
    P("enterprises.factory_revenue_per_job_yuan_year", 120000.0, "yuan/job/year", 0, 1e7,
      "assumption: value added per worker of small manufacturing firms",
      "工厂人均增加值", "factory value added per job"),
    P("enterprises.productivity_sd", 0.10, "log-sd/year", 0, 2, "assumption",
      "企业生产率年波动", "annual volatility of enterprise productivity"),
    P("enterprises.failure_cash_months", 6.0, "months of costs", 0, 120,
      "assumption: an enterprise whose losses exceed this many months of costs fails",
      "企业破产阈值（月成本倍数）", "losses that make an enterprise fail"),
    P("enterprises.entry_rate", 0.6, "1/year", 0, 1,
      "assumption: chance a vacant building finds a new tenant within a year",
      "空置厂房年招租概率", "yearly chance that vacant space is let again"),
    P("enterprises.owner_payout_share", 0.8, "share", 0, 1, "assumption",
      "企业利润分配比例", "share of profit paid out to owners each year"),
    # --- collectives ---------------------------------------------------------------------
    P("collective.building_rent_yuan_m2_year", 190.0, "yuan/m²/year", 0, 5000,
      "DOMAIN.md: 5-village joint property 37.46 m invested, 7.6 m a year rent; assumption for m²",
      "集体物业租金", "rent of collective buildings"),
    P("collective.scenic_fee_share", 0.10, "share of tourism revenue", 0, 1,
      "assumption: scenic-area operating rights rented from the collective",
      "景区经营权租金比例", "collective's share of tourism revenue"),
    P("enterprises.tourism_spend_yuan_visitor", 50.0, "yuan/visitor", 0, 10000,
      "DOMAIN.md: about 50 yuan per visitor in tourism villages", "游客人均消费", "spending per day visitor"),
    P("enterprises.base_visitors_per_year", 300000.0, "visitors/year at scenic = 1", 0, 1e8,
      "assumption: baseline visitors of a fully scenic village before cluster marketing",
      "基准年游客量（景观禀赋=1）", "baseline visitors of a fully scenic village"),
    P("enterprises.tourism_revenue_per_job_yuan", 250000.0, "yuan/job/year", 1, 1e7, "assumption",
      "文旅人均营收", "tourism revenue per job"),
    P("enterprises.agri_input_share", 0.45, "share of revenue", 0, 1, "assumption",
      "农业中间投入比例", "agricultural inputs as share of revenue"),
    P("enterprises.factory_input_share", 0.25, "share of value added", 0, 1, "assumption",
      "工厂其他成本比例", "factory other costs as share of value added"),
    P("enterprises.tourism_input_share", 0.45, "share of revenue", 0, 1, "assumption",
      "文旅中间投入比例", "tourism inputs as share of revenue"),
    P("collective.land_service_fee_share", 0.05, "share of rent", 0, 1,
      "assumption: collective keeps a service fee on land it brokers", "土地流转服务费比例", "collective's fee on land rent"),
    P("collective.investment_return", 0.08, "1/year", 0, 0.5,
      "DOMAIN.md: 8 % guaranteed dividend on common-prosperity investments (000)",
      "集体对外投资年回报率", "return on the collective's investments"),
    P("collective.dividend_payout_share", 0.20, "share of operating income", 0, 1,
      "assumption: share-cooperative dividend to member households", "股份分红比例", "share of operating income paid to members"),
    P("collective.spending_share", 0.55, "share of total income", 0, 1.5,
      "assumption: public services, staff and upkeep paid from collective income",
      "集体支出比例", "share of income spent on public services and upkeep"),
    P("collective.staff_wage_share", 0.35, "share of spending", 0, 1,
      "assumption: part of collective spending paid to village households as wages",
      "集体支出中本村劳务比例", "share of collective spending paid to villagers as wages"),
    P("collective.subsidy_base_yuan_year", 1_300_000.0, "yuan/year/village", 0, 1e9,
      "DOMAIN.md: Jiaxing non-operating collective income ≈ 3.0 m per village; assumption for the split",
      "财政补助基数", "base government transfer to each collective"),
    P("collective.subsidy_per_household_yuan_year", 1700.0, "yuan/household/year", 0, 1e6,
      "assumption (as above)", "按户财政补助", "government transfer per household"),
    P("collective.loan_rate", 0.04, "1/year", 0, 0.3, "assumption: rural commercial bank rate",
      "贷款年利率", "interest rate on collective debt"),
    P("collective.repayment_share", 0.3, "share of spare cash", 0, 1,
      "assumption: collectives pay down debt from a share of their cash each year end",
      "年末还款比例", "share of spare cash used to repay debt at year end"),
    P("collective.debt_limit_share", 0.5, "debt / assets", 0, 5,
      "assumption: over-indebtedness (过度负债) red line (001)", "负债率红线", "debt-to-asset red line"),
    P("collective.operating_growth", 0.04, "1/year", -0.2, 0.5,
      "assumption: rents indexed to growth", "物业租金年增长", "annual rent indexation"),
)

BY_PATH: dict[str, Param] = {p.path: p for p in PARAMS}


def defaults() -> dict[str, dict[str, object]]:
    """Nested ``{section: {key: default}}`` for every registered parameter."""
    out: dict[str, dict[str, object]] = {}
    for p in PARAMS:
        section, key = p.path.split(".", 1)
        out.setdefault(section, {})[key] = p.default
    return out
