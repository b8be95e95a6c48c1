"""Flying-land pooled investment (飞地抱团): weak villages pool capital, plus subsidies, into
standard factory buildings in a host county's industrial park; firms rent the floor; the
villages are paid out of the rents, under a fixed-return contract with the host county for the
first years (包租固定回报) and at the park's market result after it.

Mechanism, month by month (the park is one enterprise, its tenants are enterprises of their own):

- **Building.** The park company is capitalised by the villages' own money (borrowed from the
  bank if their cash now is short) and the policy's subsidy; it builds ``F = Σ stake / c`` m² of
  floor (``c`` = building cost), split into ``n = F / unit_m2`` units.
- **Tenant market.** A vacant unit is let in a month with probability
  ``1 − exp(−λ/12 · (r_m / r_a)^ε)``: λ = ``tenant_demand`` (firms seeking space in the host
  county's park per vacant unit a year at market rent), ``r_m`` = the host county's market rent
  (``park_rent_yuan_m2_year``, growing with ``collective.operating_growth``),
  ``r_a = r_m (1 − δ · vacancy)`` the park's asking rent, lowered when it stands empty
  (δ = ``vacancy_discount``), ε = ``rent_elasticity``. The draw is keyed by unit and month.
- **Tenants.** Each tenant is an enterprise (kind TENANT) with revenue
  ``unit_m2 × tenant_revenue_yuan_m2_year × productivity`` (entry productivity keyed by its uid,
  then the economy's yearly productivity shocks, keyed by uid too) and costs
  variable costs ``tenant_cost_share`` of revenue and fixed costs (wages, overheads)
  ``tenant_fixed_cost_share`` of its expected revenue, paid in the host county; it brings a
  month of sales as working capital. A tenant whose cash cannot cover its fixed costs closes. It
  pays its lease rent (and arrears) monthly as far as its cash goes; the rest falls into arrears,
  and a tenant ``eviction_months`` behind is evicted (a failure: the arrears are lost to the
  park, its remaining cash goes to its owners). Leases run
  ``lease_years``; at renewal the rent is renegotiated to the asking rent. A tenant moves out at
  a year's end with probability ``tenant_move_out_rate`` (keyed by uid).
- **The park company** pays management (``management_cost_share`` of rents received) and
  maintenance (``maintenance_yuan_m2_year``) and, if it carries a bank loan, interest. Its
  month's result ``N = rents received − costs`` is what the villages' return comes from.
- **The host county's contract.** For ``guarantee_years`` from joining, each village is due
  ``D_i = stake_i × return_rate / 12`` a month. When ``N < Σ D`` the host county (government)
  tops up ``Σ D − N`` (category ``return_guarantee_flying_land``: the guarantee's cost); when
  ``N > Σ D`` the lessee of a 包租 contract keeps the upside (``park_surplus_flying_land``). The
  villages' receipts are booked in two parts: ``return_flying_land`` (paid out of rents) and
  ``return_flying_land_guaranteed`` (paid out of the top-up, a share ``top-up / Σ D`` of each).
- **After the guarantee** the villages receive the market: ``max(N, 0)`` shared by stake; a
  negative month is lent by the bank (``economy.credit``) and repaid out of the next months' N.
- **Exit.** A village whose operating income passes ``exit_threshold_operating_yuan`` leaves at
  the year's end: the host county buys its stake, returning the village's own money
  (``capital_return``); the subsidised part stays in the scheme; the bought stake's share of the
  park's result goes to the host county.

Transfer vs induced: the villages' receipts are the market result (induced) plus the
guarantee's top-up (``return_flying_land_guaranteed``, ``TRANSFER_CATEGORIES``) minus the
surplus the host county keeps.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import PARK, TENANT
from ..economy import credit, growth, operating_income_so_far, village_cash_now
from ..scenario.schema import Field
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "flying_land"
TITLE_ZH = "飞地抱团"
TITLE_EN = "Flying-land pooled investment"
SUMMARY_ZH = ("飞地抱团：薄弱村把资金（加上财政补助）合投到工业园区的厂房，租金收入先按保底回报分给各村，保底期后按固定回报或实际租金分配。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("return_flying_land", "return_flying_land_guaranteed", "rent_park_flying_land",
              "return_guarantee_flying_land", "park_surplus_flying_land", "capital_return")
# the villages' income that the host county's top-up paid (the effect decomposition's transfer
# part); the top-up itself is booked government → park as return_guarantee_flying_land
TRANSFER_CATEGORIES = ("return_flying_land_guaranteed",)

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(default="weak",
                                               choices=("all", "weak", "strong", "key", "surrounding", "clustered", "named", "partner"),
                                               source="scenario choice: weak villages, as 消薄飞地 (002); 'partner' for Qingtian's villages"),
    "investment_per_village_yuan": Field((int, float), 600_000.0, 0.0, None,
                                         doc="capital each village puts into the park",
                                         zh="每村入股资金", zh_doc="每个对象村入股园区厂房的资本（含财政补助）",
                                         source="002: Qingtian's villages about 600,000 each (about 60,000 a year at 10 %)"),
    "subsidy_share": Field((int, float), 0.7, 0.0, 1.0, doc="share of that capital paid by the policy budget",
                           zh="财政补助比例", zh_doc="入股资金中由政策预算补助的比例",
                           source="assumption: provincial 消薄 funds cover most of a weak village's stake (002)"),
    "return_rate": Field((int, float), 0.10, 0.0, 0.5,
                         doc="contract: yearly return on the investment the host county guarantees",
                         zh="包租固定回报率", zh_doc="合同：东部县保底期内每年按入股资金保证的回报",
                         source="DOMAIN.md: a fixed 10 % of the investment a year is the norm (包租固定回报)"),
    "guarantee_years": Field(int, 5, 0, 100, doc="years the host county guarantees the contract return",
                             zh="保底年限", zh_doc="东部县（园区所在地）兜底固定回报的年数；期满后按园区实际租金收益分配",
                             source="DOMAIN.md: some schemes switch to actual rent after 5 years"),
    "building_cost_yuan_m2": Field((int, float), 2500.0, 1.0, None, doc="construction cost of park floor space",
                                   zh="建设成本", zh_doc="每平方米厂房或物业的建设成本",
                                   source="assumption: standard factory floor in Jiaxing, as "
                                          "collective.building_cost_yuan_m2"),
    "park_rent_yuan_m2_year": Field((int, float), 300.0, 0.0, None,
                                    doc="the host county's market rent of standard factory floor (base year)",
                                    zh="园区厂房市场租金", zh_doc="园区所在县标准厂房的市场租金（元/平方米/年，基年）",
                                    source="assumption: standard factory floor in Pinghu's development zone ≈ 0.8 "
                                           "yuan/m²/day; validation: DOMAIN.md 5-village joint property, 7.6 m rent on 37.46"
                                           " m (docs/calibration.md)"),
    "tenant_demand": Field((int, float), 2.0, 0.0, 100.0,
                           doc="firms seeking space a year per vacant unit at market rent (the host county's demand)",
                           zh="入驻企业需求", zh_doc="每个空置单元每年前来求租的企业数（园区所在县对厂房的需求）",
                           source="assumption: a Shanghai-adjacent county's zone (Pinghu, 002: Pinghu guarantees "
                                  "tenants) lets a vacant unit in about 6 months; a mountain county's park ≈ 0.5"),
    "rent_elasticity": Field((int, float), 2.0, 0.0, 20.0, doc="how strongly firms' arrivals respond to the asking rent",
                             zh="租金弹性", zh_doc="企业求租对要价租金的敏感程度",
                             source="assumption: firms' arrivals double when the asking rent is ≈ 30 % below market, "
                                    "because no park letting data is given"),
    "vacancy_discount": Field((int, float), 0.2, 0.0, 1.0,
                              doc="cut of the asking rent below market per unit of the park's vacancy share",
                              zh="空置降价幅度", zh_doc="园区空置率每高一个单位，要价租金低于市场的幅度",
                              source="assumption: an empty park cuts its asking rent by up to a fifth, because no park"
                                     " pricing rule is given"),
    "lease_years": Field(int, 3, 1, 50, doc="lease length; the rent is renegotiated at renewal",
                         zh="租期", zh_doc="租约年限；续租时按当时要价重新议定租金",
                         source="assumption: 3-year leases, because the seeds give no lease term"),
    "unit_m2": Field((int, float), 1000.0, 1.0, None, doc="floor space let to one tenant",
                     zh="单元面积", zh_doc="每家入驻企业租用的厂房面积",
                     source="assumption: a standard factory floor"),
    "tenant_revenue_yuan_m2_year": Field((int, float), 4000.0, 0.0, None, doc="a tenant's sales per m² a year (base year)",
                                         zh="入驻企业亩产（每平方米销售额）", zh_doc="入驻企业每平方米厂房每年的销售额（基年）",
                                         source="assumption: sales of a small manufacturer per m² of standard floor; with the "
                                                "cost shares it leaves rent ≈ 8 % of sales (tenant_cost_share)"),
    "tenant_cost_share": Field((int, float), 0.58, 0.0, 1.0, doc="a tenant's variable costs (inputs) as share of its sales",
                               zh="入驻企业变动成本比例", zh_doc="入驻企业原料等变动成本占销售额的比例",
                               source="assumption: with the fixed costs, 88 % of expected sales; rent ≈ 8 %, profit ≈ 4"
                                      " %"),
    "tenant_fixed_cost_share": Field((int, float), 0.30, 0.0, 1.0,
                                     doc="a tenant's fixed costs (wages, overheads) as share of its expected sales, paid whatever it sells",
                                     zh="入驻企业固定成本比例", zh_doc="入驻企业工资、管理等固定成本占预期销售额的比例；付不起即关门",
                                     source="assumption: a small manufacturer's wage bill and overheads"),
    "tenant_productivity_sd": Field((int, float), 0.2, 0.0, 2.0, doc="log-sd of entering tenants' productivity",
                                    zh="入驻企业效率差异", zh_doc="新入驻企业生产率的对数标准差",
                                    source="assumption: spread of entering tenants' productivity, a little above the "
                                           "county's firms' (enterprises.initial_productivity_sd) as tenants come from "
                                           "elsewhere"),
    "tenant_move_out_rate": Field((int, float), 0.10, 0.0, 1.0, doc="yearly chance a tenant leaves the park",
                                  zh="企业迁出率", zh_doc="入驻企业每年迁出园区的概率",
                                  source="assumption: a tenant stays ≈ 10 years on average, because no turnover figure is "
                                         "given"),
    "eviction_months": Field((int, float), 3.0, 0.0, 120.0, doc="months of unpaid rent after which a tenant is evicted",
                             zh="欠租清退月数", zh_doc="欠租超过这么多个月的企业被清退，欠租成为坏账",
                             source="assumption: a landlord's usual rule"),
    "management_cost_share": Field((int, float), 0.05, 0.0, 1.0, doc="park management cost as share of rents received",
                                   zh="园区管理费比例", zh_doc="园区管理成本占实收租金的比例",
                                   source="assumption: a park company's management fee, a small share of rents, because the"
                                          " seeds give none"),
    "maintenance_yuan_m2_year": Field((int, float), 20.0, 0.0, None, doc="maintenance of park floor (base year)",
                                      zh="厂房维护费", zh_doc="每平方米厂房每年的维护费用（基年）",
                                      source="assumption: ≈ 0.8 % of building cost a year"),
    "exit_threshold_operating_yuan": Field((int, float), 0.0, 0.0, None,
                                           doc="a village leaves once its operating income passes this; 0 = never",
                                           zh="退出门槛", zh_doc="村经营性收入超过此值即退出并收回本金；0 = 不退出",
                                           source="DOMAIN.md: some schemes expel a village once its operating income passes a "
                                                  "threshold"),
}


class Policy(BasePolicy):
    name = NAME
    unit_words = ("村", "village")

    @staticmethod
    def unit_cost(settings: dict) -> float:
        """The subsidy of one village's stake."""
        return settings["investment_per_village_yuan"] * settings["subsidy_share"]

    def reached(self) -> tuple[int, int]:
        return len(self.members), 0

    def setup(self) -> None:
        self.park: int | None = None
        self.members = np.zeros(0, int)
        self.stake = np.zeros(0)          # villages' stakes in the park (0 once a village left)
        self.own = np.zeros(0)            # the part of each stake the village paid itself
        self.host_stake = 0.0             # stakes the host county bought from leaving villages
        self.joined_year = 0
        self.floor_m2 = 0.0
        self.unit_m2 = 0.0
        self.tenant = np.zeros(0, int)    # per unit: the tenant enterprise, −1 = vacant
        self.lease_rent = np.zeros(0)     # per unit: yuan/m²/year agreed at entry or renewal
        self.lease_start = np.zeros(0, int)
        self.arrears = np.zeros(0)        # per unit: the current tenant's unpaid rent
        self.history: list[dict] = []     # one row a year: the park's tenant market and accounts
        self._year = self._new_year()

    @staticmethod
    def _new_year() -> dict:
        return dict.fromkeys(("rent_due_yuan", "rent_received_yuan", "costs_yuan", "guarantee_yuan",
                              "surplus_to_host_yuan", "paid_to_villages_yuan", "rent_lost_yuan",
                              "tenants_entered", "tenants_failed", "tenants_moved_out", "interest_yuan",
                              "occupancy_months"), 0.0)

    # --- the market ---------------------------------------------------------------------------
    def market_rent(self) -> float:
        """The host county's market rent now (yuan/m²/year)."""
        return self.settings["park_rent_yuan_m2_year"] * growth(self.model, "collective.operating_growth")

    def vacancy(self) -> float:
        return float((self.tenant < 0).mean()) if len(self.tenant) else 0.0

    def asking_rent(self) -> float:
        return self.market_rent() * (1 - self.settings["vacancy_discount"] * self.vacancy())

    # --- joining --------------------------------------------------------------------------------
    def _join(self, year_index: int) -> None:
        m, s, L, v = self.model, self.settings, self.model.ledger, self.model.villages
        members = self.target_villages()
        invest = np.full(len(members), float(s["investment_per_village_yuan"]))
        subsidy = np.array([self.spend(x * s["subsidy_share"]) for x in invest])
        own = invest - subsidy
        # a village short of cash now borrows its own share from the bank
        borrow = np.maximum(own - np.maximum(village_cash_now(m)[members], 0), 0)
        L.pay("loan", (None, borrow.sum()), (members, borrow))
        v.debt[members] += borrow
        home = members[0] if len(members) else 0
        self.park = p = int(m.add_enterprises(kind=PARK, village=home)[0])
        park = np.array([p])
        L.pay("collective_investment", (members, own), (np.full(len(members), p), own))
        L.pay("public_investment", (None, subsidy.sum()), (park, np.array([subsidy.sum()])))
        capital = invest.sum()
        L.pay("inputs", (park, np.array([capital])), (None, capital))  # construction paid out to builders
        self.members, self.stake, self.own, self.joined_year = members, invest, own, year_index
        self.floor_m2 = capital / s["building_cost_yuan_m2"]
        n_units = int(round(self.floor_m2 / s["unit_m2"])) or int(self.floor_m2 > 0)
        self.unit_m2 = self.floor_m2 / max(n_units, 1)
        self.tenant = np.full(n_units, -1)
        self.lease_rent = np.zeros(n_units)
        self.lease_start = np.zeros(n_units, int)
        self.arrears = np.zeros(n_units)

    # --- the month --------------------------------------------------------------------------------
    def on_month(self, year_index: int, month: int) -> None:
        if self.park is None:
            self._join(year_index)
        self._let_vacant_units(year_index, month)
        self._pay_tenants_fixed_costs()
        received = self._collect_rents()
        self._pay_park_costs(received)
        self._pay_villages(year_index)
        self._year["occupancy_months"] += 1 - self.vacancy()
        # what the bank charges the park this month on a loan still owed (economy.credit, next)
        E = self.model.enterprises
        self._year["interest_yuan"] += float(E.loan[self.park]) * self.model.params["enterprises"]["loan_rate"] / 12

    def _let_vacant_units(self, year_index: int, month: int) -> None:
        m, s, E = self.model, self.settings, self.model.enterprises
        vacant = np.flatnonzero(self.tenant < 0)
        if not len(vacant):
            return
        asking = self.asking_rent()
        arrivals = s["tenant_demand"] * (self.market_rent() / max(asking, 1e-9)) ** s["rent_elasticity"] / 12
        draw = m.streams.uniform(f"policy.{NAME}.letting", vacant, year_index * 12 + month)
        let = vacant[draw < 1 - np.exp(-arrivals)]
        if not len(let):
            return
        new = m.add_enterprises(kind=TENANT, village=np.full(len(let), E.village[self.park]),
                                input_share=s["tenant_cost_share"],
                                revenue_base_yuan_year=self.unit_m2 * s["tenant_revenue_yuan_m2_year"])
        E.productivity[new] = np.exp(s["tenant_productivity_sd"] * m.streams.normal(
            f"policy.{NAME}.tenant", E.uid[new], year_index))
        # the firm brings working capital: a month of its sales
        capital = E.revenue_base_yuan_year[new] * growth(m, "economy.business_growth") / 12
        m.ledger.pay("private_investment", (None, capital.sum()), (new, capital))
        E.cash[new] += capital
        self.tenant[let] = new
        self.lease_rent[let] = asking
        self.lease_start[let] = year_index
        self.arrears[let] = 0.0
        self._year["tenants_entered"] += len(let)

    def _collect_rents(self) -> float:
        """Tenants pay the month's rent and their arrears as far as their cash goes; what they
        cannot pay falls into arrears, and a tenant ``eviction_months`` behind is evicted (its
        arrears are lost)."""
        m, s, E, L = self.model, self.settings, self.model.enterprises, self.model.ledger
        let = np.flatnonzero(self.tenant >= 0)
        tenants = self.tenant[let]
        due = self.unit_m2 * self.lease_rent[let] / 12
        paid = np.clip(E.cash[tenants], 0.0, due + self.arrears[let])
        L.pay("rent_park_flying_land", (tenants, paid), (np.array([self.park]), np.array([paid.sum()])))
        E.cash[tenants] -= paid
        E.profit_ytd[tenants] -= due
        E.cash[self.park] += paid.sum()
        self.arrears[let] += due - paid
        self._year["rent_due_yuan"] += due.sum()
        self._year["rent_received_yuan"] += paid.sum()
        self._fail(let[self.arrears[let] > s["eviction_months"] * due * (1 + 1e-9)])
        return float(paid.sum())

    def _pay_tenants_fixed_costs(self) -> None:
        """Tenants pay their fixed costs (wages, overheads: a share of their expected sales,
        whatever they sell); a tenant whose cash cannot cover them closes."""
        m, s, E, L = self.model, self.settings, self.model.enterprises, self.model.ledger
        let = np.flatnonzero(self.tenant >= 0)
        tenants = self.tenant[let]
        fixed = E.revenue_base_yuan_year[tenants] * growth(m, "economy.business_growth") * s["tenant_fixed_cost_share"] / 12
        short = E.cash[tenants] < fixed
        self._fail(let[short])
        tenants, fixed = tenants[~short], fixed[~short]
        L.pay("inputs", (tenants, fixed), (None, fixed.sum()))
        E.cash[tenants] -= fixed
        E.profit_ytd[tenants] -= fixed

    def _fail(self, units: np.ndarray) -> None:
        """Tenants of ``units`` fail (evicted, or closed): the park loses their arrears."""
        m, E = self.model, self.model.enterprises
        for unit in units:  # failures are rare: a short loop over the few
            t = int(self.tenant[unit])
            m.failures.append({"year": m.calendar_year, "month": m.month, "enterprise": t, "kind": TENANT,
                               "village": int(E.village[t]), "unpaid_rent_yuan": float(self.arrears[unit]),
                               "bank_loss_yuan": 0.0})
        E.failed_year[self.tenant[units]] = m.calendar_year
        self._year["tenants_failed"] += len(units)
        self._vacate(units)

    def _vacate(self, units: np.ndarray) -> None:
        """Tenants of ``units`` leave: their remaining cash goes back to their owners, their
        arrears are lost to the park."""
        E, L = self.model.enterprises, self.model.ledger
        tenants = self.tenant[units]
        rest = np.maximum(E.cash[tenants], 0.0)
        L.pay("owner_payout", (tenants, rest), (None, rest.sum()))
        E.cash[tenants] -= rest
        E.alive[tenants] = False
        self._year["rent_lost_yuan"] += self.arrears[units].sum()
        self.arrears[units] = 0.0
        self.tenant[units] = -1

    def _pay_park_costs(self, received: float) -> None:
        s, E, L, p = self.settings, self.model.enterprises, self.model.ledger, self.park
        cost = s["management_cost_share"] * received + self.floor_m2 * s["maintenance_yuan_m2_year"] * growth(
            self.model, "collective.operating_growth") / 12
        L.pay("inputs", (np.array([p]), np.array([cost])), (None, cost))
        E.cash[p] -= cost
        self._year["costs_yuan"] += cost

    def _pay_villages(self, year_index: int) -> None:
        """The month's result N (the park's cash: rents received net of its costs) goes to the
        villages: under the contract, exactly their due, topped up by or surplus to the host
        county; after it, N shared by stake."""
        s, E, L, p = self.settings, self.model.enterprises, self.model.ledger, self.park
        park = np.array([p])
        result = float(E.cash[p])
        top_up = 0.0
        if year_index - self.joined_year < s["guarantee_years"]:
            due = self.stake * s["return_rate"] / 12
            top_up = max(due.sum() - result, 0.0)
            L.pay("return_guarantee_flying_land", (None, top_up), (park, np.array([top_up])))
            E.cash[p] += top_up
            self._year["guarantee_yuan"] += top_up
        else:
            # a month that left the park short was lent by the bank (economy.credit): repay it first
            credit.repay(self.model, park, E.cash)
            due = max(float(E.cash[p]), 0.0) * self.stake / max(self.stake.sum() + self.host_stake, 1e-9)
        # the villages' receipts, split into what the market paid and what the guarantee paid
        paying = np.flatnonzero(due > 0)
        guaranteed = due[paying] * (top_up / due.sum() if top_up > 0 else 0.0)
        from_park = np.full(len(paying), p)
        L.pay("return_flying_land", (from_park, due[paying] - guaranteed), (self.members[paying], due[paying] - guaranteed))
        L.pay("return_flying_land_guaranteed", (from_park, guaranteed), (self.members[paying], guaranteed))
        E.cash[p] -= due.sum()
        self._year["paid_to_villages_yuan"] += due.sum()
        surplus = max(float(E.cash[p]), 0.0)  # the 包租 lessee's upside, or the host's bought stakes
        L.pay("park_surplus_flying_land", (park, np.array([surplus])), (None, surplus))
        E.cash[p] -= surplus
        self._year["surplus_to_host_yuan"] += surplus

    # --- the year end -------------------------------------------------------------------------------
    def on_year_close(self, year_index: int) -> None:
        if self.park is None:
            return
        self._settle_tenants(year_index)
        self._exit()
        self.history.append({"t": year_index, "units": len(self.tenant),
                             "occupancy": self._year.pop("occupancy_months") / 12,
                             "market_rent_yuan_m2": self.market_rent(),
                             "mean_lease_rent_yuan_m2": float(self.lease_rent[self.tenant >= 0].mean())
                             if (self.tenant >= 0).any() else float("nan"),
                             "villages_in": int((self.stake > 0).sum()), **self._year})
        self._year = self._new_year()

    def _settle_tenants(self, year_index: int) -> None:
        """Tenants pay out profit to their owners; some move out; leases due are renegotiated."""
        m, s, E, L = self.model, self.settings, self.model.enterprises, self.model.ledger
        let = np.flatnonzero(self.tenant >= 0)
        tenants = self.tenant[let]
        payout = np.minimum(np.maximum(E.profit_ytd[tenants], 0) * m.params["enterprises"]["owner_payout_share"],
                            np.maximum(E.cash[tenants], 0))
        L.pay("owner_payout", (tenants, payout), (None, payout.sum()))
        E.cash[tenants] -= payout
        E.profit_ytd[tenants] = 0.0
        leaving = let[m.streams.uniform(f"policy.{NAME}.move_out", E.uid[tenants], year_index) < s["tenant_move_out_rate"]]
        self._year["tenants_moved_out"] += len(leaving)
        self._vacate(leaving)
        renew = np.flatnonzero((self.tenant >= 0) & (year_index + 1 - self.lease_start >= s["lease_years"]))
        self.lease_rent[renew] = self.asking_rent()
        self.lease_start[renew] = year_index + 1

    def _exit(self) -> None:
        """Villages past the exit threshold leave: the host county buys their stakes and the
        village gets back the money it put in; the subsidised part stays in the scheme."""
        s, L, p = self.settings, self.model.ledger, self.park
        if s["exit_threshold_operating_yuan"] <= 0:
            return
        operating = operating_income_so_far(self.model)[self.members]
        leaving = np.flatnonzero((self.stake > 0) & (operating > s["exit_threshold_operating_yuan"]))
        if not len(leaving):
            return
        refund = self.own[leaving]
        park = np.array([p])
        L.pay("public_investment", (None, refund.sum()), (park, np.array([refund.sum()])))
        L.pay("capital_return", (np.full(len(leaving), p), refund), (self.members[leaving], refund))
        self.host_stake += self.stake[leaving].sum()
        self.stake[leaving] = 0.0
