"""The single declaration of every numeric model parameter: default, unit, range, source.

Validation, ``--set``, the ODD parameter tables and the dashboard controls all read this
registry, so none of them can drift from the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


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


P = Param
# the growth rates imposed from outside the county (ODD §4, emergence)
IMPOSED = "; imposed from outside, not emergent (ODD §4)"
MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
# Monthly weights of rural day trips, normalised to mean 1 by the visitor market.
SEASON = (0.45, 0.6, 1.3, 1.6, 1.4, 0.9, 1.0, 1.0, 0.9, 1.5, 1.0, 0.35)

PARAMS: tuple[Param, ...] = (
    # --- simulation ---------------------------------------------------------------------
    P("simulation.years", 10, "year", 1, 100, "scenario choice: the horizon a user simulates after the base year",
    "模拟年数", "years simulated"),
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
    P("economy.wage_local_yuan_month", 4300.0, "yuan/month", 500, 50000,
      "assumption: base-year expectation of a village post's wage; later wages clear each village's market",
      "本地企业起始月工资", "starting monthly wage of a village post"),
    P("economy.wage_commute_yuan_month", 6200.0, "yuan/month", 500, 50000,
      "calibrated: one of the base-year parameters fitted by simulated method of moments (`cluster-sim dev calibrate`) "
      "to Jiaxing's farmer income (52,249 yuan) and its wage share (≈ 60 %, DOMAIN.md); fit, seed spread and "
      "objective in docs/calibration_fit.md",
      "县城月工资（通勤）", "monthly wage in the county town (commuting)"),
    P("economy.wage_migrant_yuan_month", 6200.0, "yuan/month", 500, 50000,
      "assumption: set equal to the county-town wage, because no source gives migrants' wages separately; what a "
      "migrant's household keeps is set by migrant_living_cost_yuan_month and migrant_remit_share",
      "外出务工月工资", "monthly wage of a migrant worker"),
    P("economy.migrant_remit_share", 0.55, "share", 0, 1,
      "assumption: share of a migrant's wage counted in the household's disposable income",
      "外出务工收入计入家庭的比例", "share of migrant wage reaching the household"),
    P("economy.max_commute_km", 45.0, "km", 1, 300,
      "assumption: daily commute radius around the county town / Shanghai edge",
      "最大通勤距离", "maximum daily commute distance"),
    P("economy.wage_growth", 0.05, "1/year", -0.2, 0.5,
      "DOMAIN.md: Jiaxing rural income +5.2 % in 2024; the growth of the destinations' and migrants' wages"
      + IMPOSED, "工资年增长率", "annual wage growth"),
    # --- land -------------------------------------------------------------------------
    P("economy.land_rent_yuan_mu_year", 1000.0, "yuan/mu/year", 0, 10000,
      "DOMAIN.md: over 1,000 yuan per mu in suburban Zhejiang; 800 before consolidation (000)",
      "土地流转租金", "land-transfer rent"),
    P("economy.self_farm_net_yuan_mu_year", 250.0, "yuan/mu/year", 0, 10000,
      "DOMAIN.md: 200–300 yuan net per mu from self-farming", "自耕每亩净收益", "net income per mu farmed by the household"),
    P("economy.farming_preference_mean_yuan_mu", 1250.0, "yuan/mu/year", -10000, 10000,
      "calibrated: about three quarters of contracted land leased out in the base year, as in Jiaxing",
      "自耕偏好均值", "mean attachment to farming one's own land"),
    P("economy.migration_share", 0.11, "share of workers", 0, 1,
      "assumption: base-year migrant share of rural workers near Shanghai (observed-share rule)",
      "外出务工劳动力比例（基年）", "base-year share of workers migrating"),
    P("economy.farming_preference_sd_yuan_mu", 500.0, "yuan/mu/year", 0, 10000,
      "assumption: spread of households' attachment to farming their own land",
      "自耕偏好离散度", "spread of the preference to farm one's own land"),
    P("economy.agri_revenue_yuan_mu_year", 5000.0, "yuan/mu/year", 0, 200000,
      "assumption: grain/vegetable operator gross margin per mu; flower chains reach 100,000 (000)",
      "农业经营主体亩均产值", "agricultural operator's revenue per mu"),
    P("economy.agri_workers_per_100mu", 2.0, "workers/100 mu", 0, 100,
      "assumption: about one hired full-time worker per 50 mu operated (≈ 5 labour days per mu a year), because "
      "neither DOMAIN.md nor the seeds give operators' staffing",
      "每百亩雇工", "hired workers per 100 mu"),
    *(P(f"economy.specialty_factor_{name}", factor, "× revenue per mu without a specialty", 0, 100,
        f"assumption: {why}", f"{zh}亩均产值倍数", f"revenue per mu of a {name} village, relative")
      for name, factor, zh, why in (
          ("grain", 0.6, "粮食", "grain earns less per mu than the grain–vegetable mix that agri_revenue_yuan_mu_year describes"),
          ("vegetables", 1.6, "蔬菜", "greenhouse vegetables (杉水共富, 000) earn more per mu than the mix"),
          ("flowers", 2.5, "花卉", "the village-wide average of a flower cluster; its best plots reach 100,000 yuan per mu "
           "(花开康上, 000), far above the village average"),
          ("fruit", 1.8, "水果", "orchards earn more per mu than the mix, less than flowers"),
          ("aquaculture", 1.5, "水产", "fish and shrimp ponds earn more per mu than the mix"))),
    P("economy.specialty_demand_exponent", 0.5, "elasticity", 0, 5,
      "assumption: a village's specialty raises outside demand for its household businesses (produce sales, "
      "e-commerce) less than proportionally: demand ∝ specialty factor ^ this",
      "特色产业对个体经营需求的弹性", "elasticity of business demand to the village's specialty"),
    # --- household business and transfers ----------------------------------------------
    P("economy.house_rent_yuan_year", 12000.0, "yuan/year", 0, 1e6,
      "assumption: rooms let to migrant workers, the main rural property income in Jiaxing",
      "出租房屋年租金", "yearly rent from rooms let to migrant workers"),
    P("economy.household_business_share", 0.40, "share", 0, 1,
      "assumption: households with the skills and premises to run a business (no direct statistic in DOMAIN.md); "
      "which of them do is the job choice, fitted to business_worker_share, and business income ≈ 25 % of farmer "
      "income is reached through outside_market_yuan_person_year (calibrated)",
      "经营个体工商户的农户比例", "share of households running a non-farm business"),
    P("economy.household_business_income_yuan_year", 78000.0, "yuan/year", 0, 1e7,
      "assumption: the base-year expectation of a business's net income per unit of scale; later "
      "years expect last year's demand-driven profit",
      "个体经营起始预期净收入", "expected net income of a household business (base year)"),
    P("economy.business_growth", 0.05, "1/year", -0.2, 0.5,
      "assumption: outside demand for household businesses and enterprises' sales grow with the metropolitan "
      "economy, set near Jiaxing's rural income growth (+5.2 % in 2024, DOMAIN.md)" + IMPOSED,
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
    # --- economy v2: labour market (economy/labour.py) ------------------------------------
    P("economy.job_choice_rule", "observed", "rule", None, None,
      "Wang et al., JASSS 24(3) 7, 2021: income-maximising vs survey-based rules differ materially, so "
      "the rule is a switchable assumption; 'observed' fits the logit's constants to base-year shares",
      "择业规则", "job-choice rule", choices=("observed", "income")),
    P("economy.job_choice_scale_yuan_month", 800.0, "yuan/month", 1, 100000,
      "assumption: a 800 yuan/month gap in net value multiplies the odds of an option by e",
      "择业随机项尺度", "logit scale of the job choice"),
    P("economy.job_constant_local", -0.6528, "utility", -20, 20,
      "fitted: base-year shares (python -m cluster_sim.economy.labour); a local post is valued below "
      "its wage relative to commuting", "本地就业偏好常数", "logit constant of a local post"),
    P("economy.job_constant_migrate", 0.6283, "utility", -20, 20,
      "fitted: base-year migrant share (economy.migration_share)", "外出务工偏好常数", "logit constant of migrating"),
    P("economy.job_constant_business", 0.9831, "utility", -20, 20,
      "fitted: base-year business share (economy.business_worker_share)", "自营经营偏好常数", "logit constant of own business"),
    P("economy.job_constant_farm", 2.0542, "utility", -20, 20,
      "fitted: base-year full-time farming share (economy.farm_worker_share)", "全职务农偏好常数",
      "logit constant of full-time farming"),
    P("economy.wage_jiaxing_yuan_month", 6800.0, "yuan/month", 500, 50000,
      "assumption: Jiaxing city wages above the county town's (Jiaxing urban:rural ratio ≈ 1.56, DOMAIN.md)",
      "嘉兴市区月工资（通勤）", "monthly wage in Jiaxing city (commuting)"),
    P("economy.wage_shanghai_yuan_month", 7800.0, "yuan/month", 500, 50000,
      "assumption: Shanghai's suburban manufacturing and service wages",
      "上海月工资（通勤）", "monthly wage in Shanghai (commuting)"),
    P("economy.jiaxing_km", 35.0, "km", 1, 500, "assumption: road distance from Pinghu's town to Jiaxing city",
      "县城至嘉兴距离", "county town to Jiaxing, road km"),
    P("economy.commute_cost_yuan_km_month", 40.0, "yuan/km/month", 0, 1000,
      "assumption: 22 return trips a month at ≈ 0.5 yuan/km plus travel time valued at a quarter of the wage",
      "通勤成本（每公里每月）", "monthly commuting cost per km of distance"),
    P("economy.migrant_living_cost_yuan_month", 2600.0, "yuan/month", 0, 50000,
      "assumption: rent and food of a migrant worker away from home",
      "外出务工生活成本", "monthly living cost of a migrant away from home"),
    P("economy.business_worker_share", 0.22, "share of workers", 0, 1,
      "assumption: self-employed share of rural workers in northern Zhejiang (observed-share rule)",
      "自营经营劳动力比例（基年）", "base-year share of workers in their own business"),
    P("economy.farm_worker_share", 0.01, "share of workers", 0, 1,
      "assumption: full-time self-farming workers are rare near Shanghai (Liu & Chang 2018)",
      "全职自耕劳动力比例（基年）", "base-year share of workers farming full-time"),
    P("economy.farm_fulltime_yuan_mu_year", 1400.0, "yuan/mu/year", 0, 100000,
      "assumption: gross margin per mu when the household farms its land full-time",
      "全职自耕每亩毛收益", "gross margin per mu farmed full-time"),
    P("economy.min_wage_yuan_month", 2490.0, "yuan/month", 0, 50000,
      "Zhejiang minimum wage, first class, 2024 (2,490 yuan/month)", "最低工资", "minimum wage (village wage floor)"),
    P("economy.wage_value_added_cap", 0.7, "share of value added", 0.05, 1,
      "assumption: employers pay at most this share of value added per post (wage ceiling)",
      "工资占增加值上限", "wage ceiling as share of value added per post"),
    P("economy.wage_rent_share", 0.1, "share of surplus", 0, 0.5,
      "assumption: workers' share of the surplus per post (ceiling minus the clearing wage) paid on top of the "
      "clearing wage, as in wage bargaining; firm-level rent-sharing elasticities of wages to value added per "
      "worker are 0.05-0.15 (Card, Cardoso, Heining and Kline 2018, J. Labor Econ. 36 S1), about 0.1 of the surplus "
      "at the default county's wage and value added",
      "工资分享增加值盈余比例", "workers' share of employers' surplus per post (rent sharing)"),
    P("economy.work_days_month", 22.0, "days/month", 1, 31,
      "assumption: a five-day week (≈ 22 working days a month); values a day of off-farm work for the land "
      "decision, as the 22 return trips behind commute_cost_yuan_km_month",
      "每月工作日", "working days a month"),
    P("economy.min_trip_km", 5.0, "km", 0.1, 100,
      "assumption: the shortest distance counted to a commuting destination or from a visitor market (no village "
      "sits on the destination), so distance terms stay finite",
      "最短出行距离", "shortest distance counted to a destination"),
    P("economy.jiaxing_offset_factor", 0.3, "km per km of offset", 0, 5,
      "assumption: road km added to the commute to Jiaxing per km a village lies north or south of the county town "
      "(Jiaxing lies to the west; east–west distance counts at county.road_factor)",
      "嘉兴通勤南北偏移系数", "road km to Jiaxing per km of north–south offset"),
    # --- economy v2: household business demand (economy/demand.py) ------------------------
    P("economy.local_spending_share", 0.12, "share of household income", 0, 1,
      "assumption: share of income spent in village shops and services",
      "本村消费比例", "share of household income spent in village businesses"),
    P("economy.visitor_business_share", 0.4, "× tourism operators' revenue", 0, 10,
      "assumption: visitors spend 40 yuan in household businesses (food, produce) per 100 at operators",
      "游客在农户经营中的消费比例", "visitor spending in household businesses per yuan at operators"),
    P("economy.outside_market_yuan_person_year", 18000.0, "yuan/resident/year", 0, 1000000,
      "calibrated: base-year business income ≈ 25 % of farmer income (DOMAIN.md, Zhejiang structure)",
      "外部市场需求（每人）", "outside market demand for household businesses per resident"),
    P("economy.market_access_km", 25.0, "km", 1, 1000,
      "assumption: access to the county market halves every ≈ 17 km of road",
      "市场可达性衰减距离", "distance scale of market access"),
    P("economy.business_margin", 0.5, "share of revenue", 0, 1,
      "assumption: net income share of a family business's revenue", "个体经营利润率", "household business margin"),
    P("economy.business_scale_sd", 0.6, "log-sd", 0, 5,
      "assumption: spread of household businesses' scale (lognormal, mean 1), from a market stall to a shop with "
      "employees, because no distribution of business sizes is given",
      "个体经营规模离散度", "log-sd of household business scale"),
    P("economy.expectation_adjustment", 0.5, "share per year", 0, 1,
      "assumption: adaptive expectations of business profit; 1 = expect last year's (cobweb-prone)",
      "经营收益预期调整速度", "speed at which expected business profit follows realised profit"),
    # --- economy v2: land market (economy/land.py) ----------------------------------------
    P("economy.rent_bid_share", 0.55, "share of margin", 0, 1,
      "calibrated: base-year rents ≈ 1,000 yuan/mu (DOMAIN.md)",
      "地租占经营者利润比例", "operators' rent bid as share of margin"),
    P("economy.rent_adjustment", 0.3, "1/year", 0, 1,
      "assumption: land contracts renegotiated every ≈ 3 years", "地租调整速度", "yearly adjustment of rent towards the bid"),
    P("economy.farm_labour_days_mu", 3.0, "days/mu/year", 0, 100,
      "assumption: labour days per mu of rice–wheat or vegetables on small plots",
      "每亩用工天数", "labour days per mu farmed"),
    P("economy.elderly_labour_value_share", 0.25, "share", 0, 1,
      "assumption: value of an elderly member's day relative to a worker's off-farm day",
      "老年劳动力机会成本比例", "opportunity value of elderly labour"),
    # --- economy v2: low-income households (economy/low_income.py) ------------------------
    P("economy.low_income_line_multiple", 1.5, "× 低保 standard", 0, 10,
      "Zhejiang: low-income households are those below 1.5 × the 低保 standard (低保边缘)",
      "低收入线（低保标准倍数）", "low-income line as multiple of the 低保 standard"),
    P("economy.low_income_exit_margin", 0.1, "share above the line", 0, 5,
      "assumption: a gradual exit (渐退期) — households leave the status 10 % above the line",
      "低收入退出缓冲", "margin above the line to leave low-income status"),
    P("economy.low_income_margin_support_share", 0.5, "share of the gap", 0, 1,
      "assumption: support for households between the 低保 standard and the low-income line (低保边缘救助)",
      "低保边缘补助比例", "share of the gap from the standard to the line that is paid"),
    P("economy.illness_rate", 0.01, "1/year", 0, 1, "assumption: yearly chance a household's earner falls ill",
      "年患病致贫概率", "yearly chance of illness in a household"),
    P("economy.recovery_rate", 0.3, "1/year", 0, 1, "assumption: yearly chance an ill household recovers",
      "年康复概率", "yearly chance of recovery"),
    P("economy.illness_capacity", 0.3, "share", 0, 1, "assumption: labour capacity left while ill",
      "患病期劳动能力", "labour capacity while ill"),
    P("economy.transfer_growth", 0.04, "1/year", -0.2, 0.5,
      "assumption: pensions and the 低保 standard indexed a little below income growth (+5.2 % in 2024, DOMAIN.md), "
      "because no indexation rule is given in the sources" + IMPOSED,
      "转移性收入年增长率", "annual growth of transfers"),
    # --- enterprises --------------------------------------------------------------------
    P("enterprises.factory_jobs_per_1000m2", 6.0, "jobs/1000 m²", 0, 100,
      "assumption: ≈ 170 m² of collective floor per worker in village workshops and small factories, because no "
      "source gives employment per m² of collective buildings",
      "每千平方米厂房岗位", "jobs per 1,000 m² of factory building"),
    P("enterprises.factory_revenue_per_job_yuan_year", 120000.0, "yuan/job/year", 0, 1e7,
      "assumption: value added per worker of small manufacturing firms",
      "工厂人均增加值", "factory value added per job"),
    P("enterprises.productivity_sd", 0.10, "log-sd/year", 0, 2,
      "assumption: yearly productivity shocks of small firms; with productivity_persistence 0.85 the stationary "
      "log-sd is 0.10/√(1−0.85²) ≈ 0.19, a modest dispersion because the model has no firm-level data",
      "企业生产率年波动", "annual volatility of enterprise productivity"),
    P("enterprises.failure_cash_months", 6.0, "months of costs", 0, 120,
      "assumption: the bank lends an enterprise up to this many months of its costs; one that needs more fails",
      "企业授信额度（月成本倍数）", "credit limit: months of costs the bank lends before the firm fails"),
    P("enterprises.entry_rate", 0.6, "1/year", 0, 1,
      "assumption: chance a firm-sized (2,000 m²) vacancy finds a new tenant within a year; smaller ones proportionally less",
      "空置厂房年招租概率", "yearly chance that vacant space is let again"),
    P("enterprises.owner_payout_share", 0.8, "share", 0, 1,
      "assumption: owners take most of a year's profit and a fifth is retained as cash, because the sources give no "
      "payout rule", "企业利润分配比例", "share of profit paid out to owners each year"),
    # the county's initial firms and entry (economy/setup.py, economy/enterprises.py)
    P("enterprises.firm_m2", 2000.0, "m²", 100, 1e6,
      "assumption: floor space of a typical small tenant firm (twice the flying-land park's letting unit, "
      "policies.flying_land.unit_m2), because no source gives firm sizes; it sets how many firms share a building "
      "and the odds a vacancy is let",
      "典型租户企业面积", "floor space of a typical tenant firm"),
    P("enterprises.initial_occupancy", 0.9, "share", 0, 1,
      "assumption: collective buildings 90 % let in the base year, because DOMAIN.md and the seeds give no vacancy "
      "figure; later occupancy emerges from failures and entry",
      "基年厂房出租率", "share of collective floor let in the base year"),
    P("enterprises.min_let_m2", 100.0, "m²", 0, 1e6,
      "assumption: the smallest workshop a tenant takes; vacancies below it stay empty",
      "最小出租面积", "smallest vacancy a tenant takes"),
    P("enterprises.productivity_persistence", 0.85, "AR(1) coefficient", 0, 1,
      "assumption: yearly persistence of log productivity (a log-AR(1), so shocks fade with a half-life of ≈ 4 years), "
      "because the model has no firm panel to estimate it",
      "企业生产率持续性", "persistence of enterprise productivity (log-AR(1) coefficient)"),
    P("enterprises.initial_productivity_sd", 0.15, "log-sd", 0, 2,
      "assumption: dispersion of productivity across the base year's factories and new entrants, near the "
      "stationary spread of the AR(1) (≈ 0.19)",
      "企业初始生产率离散度", "log-sd of productivity of new and initial factories"),
    P("enterprises.company_margin", 0.3, "share of revenue", 0.01, 1,
      "assumption: profit share of a village company's revenue; the company's revenue is its collective's "
      "company profit (generated) divided by this margin", "村级公司利润率", "village company margin"),
    P("enterprises.company_wage_share", 0.15, "share of revenue", 0, 1,
      "assumption: wage bill of a village company as share of its revenue (inputs take the rest after the margin)",
      "村级公司工资占营收比例", "village company wage bill as share of revenue"),
    # --- collectives ---------------------------------------------------------------------
    P("collective.building_rent_yuan_m2_year", 190.0, "yuan/m²/year", 0, 5000,
      "DOMAIN.md: 5-village joint property 37.46 m invested, 7.6 m a year rent; assumption for m²",
      "集体物业租金", "rent of collective buildings"),
    P("collective.scenic_fee_share", 0.10, "share of tourism revenue", 0, 1,
      "assumption: scenic-area operating rights rented from the collective",
      "景区经营权租金比例", "collective's share of tourism revenue"),
    P("enterprises.tourism_spend_yuan_visitor", 50.0, "yuan/visitor", 0, 10000,
      "DOMAIN.md: about 50 yuan per visitor in tourism villages", "游客人均消费", "spending per day visitor"),
    # visitor market (economy.visitors): gravity from the source markets, capacity, farm-stays
    P("enterprises.trips_per_resident_year", 0.31, "trips/resident/year", 0, 50,
      "calibrated: the base year's visitors to Pinghu's scenic villages (≈ 0.3 m a year for a fully scenic village)",
      "客源地人均乡村游出游次数", "rural day trips a year per resident of the source markets"),
    P("enterprises.market_population_shanghai_m", 24.8, "million people", 0, 100, "Shanghai resident population 2023",
      "上海客源人口", "Shanghai source-market population"),
    P("enterprises.market_population_jiaxing_m", 5.6, "million people", 0, 100, "Jiaxing resident population 2023",
      "嘉兴客源人口", "Jiaxing source-market population"),
    P("enterprises.market_population_hangzhou_m", 12.5, "million people", 0, 100, "Hangzhou resident population 2023",
      "杭州客源人口", "Hangzhou source-market population"),
    P("enterprises.visitor_distance_decay", 1.2, "exponent", 0, 5,
      "assumption: the distance exponent of gravity models of day trips (usually between 1 and 2), because no "
      "origin–destination counts for Pinghu's villages are available",
      "游客距离衰减指数", "gravity exponent on distance to the source markets"),
    P("enterprises.outside_attractiveness", 40.0, "fully scenic villages at 60 km", 0, 1e5,
      "assumption: the region's other destinations competing for the same day trips",
      "区域内其他目的地的吸引力", "the outside option: other destinations in the region"),
    P("enterprises.capacity_visitors_month", 250000.0, "visitors/month at scenic = 1", 0, 1e8,
      "assumption: parking, paths, toilets of a fully scenic village",
      "月接待容量（景观禀赋=1）", "visitors a fully scenic village can take in a month"),
    P("enterprises.crowding_exponent", 4.0, "exponent", 0, 50,
      "assumption: attractiveness halves when a village is at capacity",
      "拥挤指数", "how sharply crowding deters visitors near capacity"),
    P("enterprises.overnight_share", 0.10, "share of visitors", 0, 1,
      "assumption: most village visits are day trips",
      "过夜游客比例", "share of visitors who want a bed in a farm-stay"),
    P("enterprises.lodging_spend_yuan_visitor", 50.0, "yuan/visitor", 0, 10000,
      "DOMAIN.md: about 100 yuan per farm-stay visit beyond the day visit; assumption for a night's bed and meals",
      "过夜游客住宿消费", "lodging spending per overnight visitor"),
    P("enterprises.stay_margin", 0.5, "share of revenue", 0, 1,
      "assumption: net income share of a family farm-stay (own house and family labour, food bought in), because the "
      "sources give visits and spending but not farm-stays' costs",
      "农家乐净利率", "net income share of a farm-stay's revenue"),
    P("enterprises.stay_labour", 0.6, "worker-equivalents", 0, 5,
      "assumption: a family member runs the stay; its income must match what that labour earns at the village wage",
      "经营农家乐所需劳动力", "labour a farm-stay takes from the family"),
    P("enterprises.tourism_revenue_per_job_yuan", 250000.0, "yuan/job/year", 1, 1e7,
      "assumption: revenue per full-time tourism job, because the seeds give revenue (e.g. 明月山塘 45.1 m yuan, 000) "
      "but no job counts",
      "文旅人均营收", "tourism revenue per job"),
    P("enterprises.min_scenic_operator", 0.25, "scenic endowment (0–1)", 0, 1,
      "assumption: a village needs a quarter of a fully scenic village's scenery for a tourism operator to set up "
      "in the base year (as policies.tourism.min_scenic for an upgrade)",
      "设立文旅经营主体的最低景观禀赋", "scenery a village needs for a base-year tourism operator"),
    P("enterprises.min_capacity_scenic", 0.2, "scenic endowment (0–1)", 0, 1,
      "assumption: every village has the parking and paths of a village with scenic = 0.2, however plain its "
      "scenery, so capacity = capacity_visitors_month × max(scenic, this)",
      "接待容量的最低景观禀赋", "scenery floor of a village's visitor capacity"),
    P("enterprises.market_extra_km_jiaxing", 25.0, "km", 0, 2000,
      "assumption: road km from the county town to the centre of Jiaxing's visitor market, added to a village's "
      "distance to its town (nearer than economy.jiaxing_km = 35, the commute to the city centre, because the "
      "prefecture's residents live around Pinghu too); fitted together with trips_per_resident_year",
      "嘉兴客源附加距离", "extra road km to the Jiaxing source market"),
    P("enterprises.market_extra_km_hangzhou", 95.0, "km", 0, 2000,
      "assumption: road km from the county town to Hangzhou, added to a village's distance to its town (Shanghai "
      "uses the village's own distance to Shanghai)",
      "杭州客源附加距离", "extra road km to the Hangzhou source market"),
    *(P(f"enterprises.tourism_season_{m:02d}", w, "weight (normalised to mean 1)", 0, 10,
        "assumption: DOMAIN.md — rural day-visit demand peaks in spring and autumn and is low in winter (cherry "
        "blossom and festival peaks, 000); the weights are assumed, because no monthly visitor counts are given",
        f"{MONTHS[m - 1]}月游客季节权重", f"seasonal weight of month {m} (visitors)")
      for m, w in enumerate(SEASON, start=1)),
    P("enterprises.agri_input_share", 0.45, "share of revenue", 0, 1,
      "assumption: agricultural operators' seed, fertiliser, machinery and other inputs, because the sources give "
      "revenues but no cost structure",
      "农业中间投入比例", "agricultural inputs as share of revenue"),
    P("enterprises.factory_input_share", 0.25, "share of value added", 0, 1,
      "assumption: factories' costs other than wages and rent (energy, repairs, overheads), because the sources give "
      "no cost structure",
      "工厂其他成本比例", "factory other costs as share of value added"),
    P("enterprises.tourism_input_share", 0.45, "share of revenue", 0, 1,
      "assumption: tourism operators' food, materials and services bought in, because the sources give revenues but "
      "no cost structure",
      "文旅中间投入比例", "tourism inputs as share of revenue"),
    P("collective.land_service_fee_share", 0.05, "share of rent", 0, 1,
      "assumption: collective keeps a service fee on land it brokers", "土地流转服务费比例", "collective's fee on land rent"),
    P("collective.investment_return", 0.08, "1/year", 0, 0.5,
      "DOMAIN.md: 8 % guaranteed dividend on common-prosperity investments (000)",
      "集体对外投资年回报率（均值）", "mean yearly return on the collective's shares and pooled projects"),
    P("collective.dividend_payout_share", 0.20, "share of operating income", 0, 1,
      "assumption: share-cooperative dividend to member households",
      "股份分红比例", "share of operating income paid to members"),
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
      "assumption: the part of the ≈ 3.0 m non-operating income per village (DOMAIN.md, Jiaxing 2024) that scales "
      "with households; the base (collective.subsidy_base_yuan_year) is calibrated (docs/calibration_fit.md)",
      "按户财政补助", "government transfer per household"),
    P("collective.loan_rate", 0.04, "1/year", 0, 0.3, "assumption: rural commercial bank rate",
      "贷款年利率", "interest rate on collective debt"),
    P("collective.repayment_share", 0.3, "share of spare cash", 0, 1,
      "assumption: collectives pay down debt from a share of their cash each year end",
      "年末还款比例", "share of spare cash used to repay debt at year end"),
    P("collective.debt_limit_share", 0.5, "debt / assets", 0, 5,
      "assumption: over-indebtedness (过度负债) red line (001)", "负债率红线", "debt-to-asset red line"),
    P("collective.operating_growth", 0.04, "1/year", -0.2, 0.5,
      "assumption: building rents indexed a little below income growth (+5.2 % in 2024, DOMAIN.md), because the "
      "sources give no indexation rule" + IMPOSED, "物业租金年增长", "annual rent indexation"),
    # --- economy v2: enterprise credit and collective investment (economy/credit.py,
    # economy/collective_investment.py) ---------------------------------------------------
    P("enterprises.loan_rate", 0.045, "1/year", 0, 0.3,
      "assumption: one-year LPR (3.1 % in 2024) plus a small-business spread",
      "企业贷款年利率", "interest rate on enterprises' bank loans"),
    P("enterprises.cash_reserve_months", 1.0, "months of costs", 0, 24,
      "assumption: cash an enterprise keeps before it repays its loan from spare cash",
      "企业现金储备（月成本倍数）", "cash kept before loans are repaid"),
    P("collective.investment_return_sd", 0.06, "1/year", 0, 1,
      "assumption: spread of yearly returns of village shares and pooled projects (losses write the stake down)",
      "集体对外投资回报波动", "standard deviation of the yearly return on shares and pooled projects"),
    P("collective.reserve_months", 6.0, "months of spending", 0, 1200,
      "assumption: cash a collective keeps at the year end; the rest is invested (idle cash is this choice)",
      "集体现金储备（月支出倍数）", "cash reserve a collective keeps, in months of spending"),
    P("collective.building_share", 0.5, "share of investment", 0, 1,
      "assumption: half of retained surplus goes into rentable floor space (物业经济) where space is let",
      "集体新增投资中物业建设比例", "share of a collective's investment put into new buildings"),
    P("collective.building_cost_yuan_m2", 2500.0, "yuan/m²", 1, None,
      "assumption: standard factory/commercial floor space in Jiaxing, as the credit package",
      "集体物业建设单价", "construction cost of collective floor space"),
    P("collective.building_value_yuan_m2", 1900.0, "yuan/m²", 0, None,
      "assumption: book value of collective floor space, about 10 years' rent (10 × building_rent_yuan_m2_year) "
      "and below its construction cost (building_cost_yuan_m2); it sets collectives' assets and so the debt ratio",
      "集体物业账面价值", "book value of collective floor space"),
    P("collective.borrow_target_share", 0.2, "debt / assets", 0, 5,
      "assumption: collectives borrow for investments that beat the loan rate up to this debt ratio, "
      "never above the red line collective.debt_limit_share",
      "集体投资举债目标负债率", "debt ratio up to which collectives borrow to invest"),
    P("collective.default_after_years", 2, "year", 1, 50,
      "assumption: a term loan whose instalment has been missed at two successive year ends is "
      "treated as lost and written off (banks class a loan 90 days overdue as non-performing, 不良; "
      "a year of restructuring is allowed before the loss)",
      "连续欠还几年视为违约", "successive year ends with a missed instalment before a term loan defaults"),
    # --- clusters that form themselves (formation.py; county.cluster_formation = "formed") ------
    P("formation.max_partner_km", 12.0, "road km", 0, 500,
      "assumption: 'geographically adjacent' (地理区域相邻, 001) read as within this road distance of the key "
      "village; Pinghu's designated clusters lie a few km around theirs (a 36 km square, eight clusters)",
      "组团最远距离", "farthest a member may lie from its key village"),
    P("formation.coordination_cost_yuan_km", 500.0, "yuan/year per member per km", 0, 1e7,
      "assumption: the yearly cost to a village of joint planning, meetings and shared operation in a cluster, "
      "per fellow member and per road km to the key village (more members and farther apart: more cost)",
      "组团协调成本", "coordination cost per member and km"),
    P("formation.revisit_years", 0, "year", 0, 100,
      "scenario choice: how often villages in formed clusters reconsider (0: formation happens once, before "
      "the first year); the seeds describe clusters being built, not how often membership is reviewed",
      "重新组团间隔", "years between reconsiderations of formed clusters"),
    P("formation.leader_assessment_yuan", 100_000.0, "yuan/year per led village", 0, 1e8,
      "assumption: what a key village counts as gained for each village it leads beyond money (the credit of "
      "党建联建 in the Party's assessment of its secretary, 004); without it the pairing package's defaults leave "
      "a leader out of pocket for every member (docs/scenarios.md)",
      "带村考核激励", "a leader's non-money gain per village it leads"),
    # --- baseline assumptions made switchable (issue 20: docs/baseline.md) ---------------------
    P("collective.subsidy_investable_share", 1.0, "share of the transfer", 0, 1,
      "assumption: the whole government transfer is ordinary cash a collective may keep and invest (1); the "
      "rest (1 − this) is earmarked for public services and spent as it arrives (0: subsidies fund no "
      "investment); Jiaxing's ≈ 3.0 m non-operating income per village (DOMAIN.md) gives the transfer's size, "
      "not how much of it is free to invest",
      "财政补助可留存投资比例", "share of the government transfer a collective may keep and invest"),
)

# Assumptions no public figure supports: neither DOMAIN.md's statistics nor the seed documents
# give a number for them, so their sources say so (and the sensitivity study varies them).
NO_PUBLIC_FIGURE = (
    "economy.migrant_remit_share", "economy.max_commute_km", "economy.migration_share",
    "economy.farming_preference_sd_yuan_mu", "economy.house_rent_yuan_year",
    "economy.household_business_income_yuan_year", "economy.pension_yuan_month", "economy.basic_pension_yuan_month",
    "economy.wage_shanghai_yuan_month", "economy.jiaxing_km", "economy.migrant_living_cost_yuan_month",
    "economy.business_worker_share", "economy.farm_fulltime_yuan_mu_year", "economy.wage_value_added_cap",
    "economy.local_spending_share", "economy.business_margin", "economy.farm_labour_days_mu",
    "economy.elderly_labour_value_share", "economy.low_income_margin_support_share", "economy.illness_rate",
    "economy.recovery_rate", "economy.illness_capacity", "enterprises.factory_revenue_per_job_yuan_year",
    "enterprises.failure_cash_months", "collective.scenic_fee_share", "enterprises.outside_attractiveness",
    "enterprises.capacity_visitors_month", "collective.land_service_fee_share", "collective.dividend_payout_share",
    "collective.spending_share", "collective.staff_wage_share", "collective.loan_rate", "collective.repayment_share",
    "enterprises.cash_reserve_months", "collective.investment_return_sd", "collective.building_share",
    "collective.building_cost_yuan_m2", "collective.subsidy_investable_share", "formation.max_partner_km",
    "formation.coordination_cost_yuan_km", "formation.leader_assessment_yuan",
)
PARAMS = tuple(replace(p, source=p.source + "; no figure for it in DOMAIN.md or the seeds")
               if p.path in NO_PUBLIC_FIGURE else p for p in PARAMS)

BY_PATH: dict[str, Param] = {p.path: p for p in PARAMS}


def defaults() -> dict[str, dict[str, object]]:
    """Nested ``{section: {key: default}}`` for every registered parameter."""
    out: dict[str, dict[str, object]] = {}
    for p in PARAMS:
        section, key = p.path.split(".", 1)
        out.setdefault(section, {})[key] = p.default
    return out
