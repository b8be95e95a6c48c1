"""Strong village leads weak village (强村带弱村 / 党建联建): pairs of a leading and a led village,
joined by joint projects with a profit-sharing rule, know-how spillover, a shared cluster brand
(一片一IP), jobs in the leader's enterprises, and optionally a cluster company owned by its
member villages. Each village keeps its own assets and accounts ("三不变").

Pairing rules: ``cluster_key`` — the key village of the led village's cluster leads it (the
nearest key village for unclustered villages; with formed clusters, ``county.cluster_formation``,
a village that joined no cluster is not led: nobody is forced in); ``alliance`` — the ``alliance_size`` strongest
villages (Pinghu's 16-village alliance, 002) lead the targeted villages, strongest with weakest;
``explicit`` — the pairs listed in the scenario as "leader:led" names.

Mechanisms:

- **Joint projects sell into demand.** A pair's project has a capacity (``project_yield`` ×
  its capital, growing with the outside economy); it realises a share ``e`` of it that rises
  with the pair's management, ``e = min(1, (g_leader + g_led) / (2 · governance_full))``, times
  a keyed yearly performance shock, at a price lifted by the cluster brand (× (1 +
  ``brand_uplift``)). The cluster's market for joint products is ``joint_market_yuan_person``
  per resident of its villages a year (an unclustered led village: its own and its leader's
  residents); a cluster company (capacity ``company_yield`` × its capital, managed at its member
  villages' mean governance) sells in the same market. The open units share it in proportion to
  what they can supply and sell no more than it. Costs are ``project_cost_share`` of sales plus fixed upkeep
  and staff of ``project_fixed_cost_share`` × capital a year, so a project can lose money; one
  that loses money ``close_after_loss_years`` years running closes (its debts are written off
  like any failed enterprise's, ``economy.enterprises.close``) and its pair earns nothing more
  from it. Profit is split by ``led_profit_share``.
- **Know-how spillover.** Each year the led village's governance closes a share of its gap to
  the leader, ``spillover_rate / (1 + d / mentoring_distance_km)`` for a pair ``d`` km apart
  (mentoring is visits: the farther apart, the fewer), so a weaker leader or a more distant one
  passes on less. It is persistent: it raises the pair's project efficiency from then on, and
  the led village's enterprises' productivity rises by ``productivity_per_governance`` per unit
  gained.
- **What the led village can then do alone.** A village whose governance reaches
  ``capability_governance`` can run a project of its own that it could not before (an
  e-commerce and brand-sales outlet, 电商/品牌销售): ``capability_project_yuan`` of capital from
  its cash, the rest from the budget; it sells in the same cluster market as the joint units
  (so a crowded market leaves it less), managed at the village's own governance, and its whole
  profit is the village's. It can fail and close like a joint project. Without spillover a
  weak village stays below the threshold and never starts one.
- **Jobs.** With ``share_jobs`` the led village's workers may take posts in the leader village,
  commuting there: one more option in their job choice, at the leader's wage less the cost of the
  trip, cleared in the leader's labour market (``economy.labour``).
- **Brand.** Tourism and farm operators in clusters with a pair sell at a premium
  (``cluster_brand_sales``), as the shared brand (一片一IP) lets them.
"""

from __future__ import annotations

import numpy as np

from ..agents.enterprises import AGRI, OUTSIDE, PROJECT, TOURISM
from ..economy import village_cash_now
from ..economy.base import growth
from ..scenario.errors import ScenarioError
from ..scenario.schema import Field
from ..economy.enterprises import close as close_enterprises
from .base import COMMON_FIELDS
from .base import Policy as BasePolicy

NAME = "pairing"
TITLE_ZH = "强村带弱村（党建联建）"
TITLE_EN = "Strong village leads weak village"
SUMMARY_ZH = ("强村与弱村结对："
              "联建项目按约定分红，带头村的经验外溢、共用片区品牌（一片一IP）、弱村劳动力到强村企业就业，还可成立由成员村共同持股的片区强村公司；"
              "各村资产和账目不变。")

# ledger categories through which this package moves money (shown by `cluster-sim run`)
CATEGORIES = ("project_return", "cluster_brand_sales", "company_profit")

FIELDS = {
    "target": COMMON_FIELDS["target"].narrowed(default="weak",
                                               choices=("all", "weak", "surrounding", "clustered", "named"),
                    doc="the villages that are led",
                                               source="scenario choice: the led villages; weak villages by default, as 强村带弱村 (001)"),
    "rule": Field(str, "cluster_key", choices=("cluster_key", "alliance", "explicit"), doc="who leads whom",
                  zh="结对规则", zh_doc="谁带谁：片区重点村带本片区村 / 强村联盟（最强带最弱）/ 指定结对",
                  source="scenario choice: the cluster's key village leads (001, 004), Pinghu's 16-village"
                         " alliance (002), or named pairs"),
    "pairs": Field(list, [], doc='explicit pairs, "leader:led" village names',
                   zh="指定结对", zh_doc="结对规则为“指定结对”时，每行写一对“强村:弱村”",
                   source="scenario choice: the pairs a county signs when rule = 'explicit'"),
    "alliance_size": Field(int, 16, 1, 10_000, doc="strongest villages in the alliance",
                           zh="强村联盟规模", zh_doc="联盟中最强村的个数（平湖为 16 个）",
                           source="002: Pinghu's alliance of its 16 strongest villages"),
    "spillover_rate": Field((int, float), 0.15, 0.0, 1.0,
                            doc="yearly share of the governance gap to the leader that closes, for a pair next to each other",
                            zh="经验外溢速度", zh_doc="每年缩小与带头村治理水平差距的比例",
                            source="assumption: mentoring of weak-village leaders (导师帮带, 001/004)"),
    "productivity_per_governance": Field((int, float), 0.6, 0.0, 10.0,
                                         doc="rise of the led village's enterprise productivity per unit of governance gained",
                                         zh="治理提升带来的生产率", zh_doc="被带村治理每提高一个单位，其企业生产率提高多少",
                                         source="assumption: better-run villages run their enterprises better; the size is "
                                                "assumed because the seeds report mentoring (导师帮带) but not its effect"),
    "mentoring_distance_km": Field((int, float), 10.0, 0.1, None,
                                   doc="pair distance at which the spillover is half its rate",
                                   zh="帮带距离尺度", zh_doc="结对两村相距多少公里时，经验外溢减半",
                                   source="assumption: mentoring (导师帮带, 001/004) means visits, fewer the farther "
                                          "apart; no source gives how fast it falls with distance"),
    "capability_governance": Field((int, float), 0.55, 0.0, 1.0,
                                   doc="governance a led village needs to run a project of its own",
                                   zh="自营项目所需治理水平", zh_doc="被带村治理能力达到此值后，才能自己办电商/品牌销售项目",
                                   source="assumption: above the weak villages' drawn governance (about 0.3-0.45) and"
                                          " below the key villages' (about 0.6-0.7), so only know-how gained from a"
                                          " leader lets a weak village start one"),
    "capability_project_yuan": Field((int, float), 1_000_000.0, 0.0, None,
                                     doc="capital of the project a led village starts on its own",
                                     zh="自营项目资金", zh_doc="被带村自己办项目（电商、品牌销售）的资本",
                                     source="assumption: a village e-commerce or brand-sales outlet; the seeds name "
                                            "such projects (001, 002) but not their size"),
    "joint_project_yuan": Field((int, float), 3_000_000.0, 0.0, None, doc="joint project capital per pair",
                                zh="每对联建项目资金", zh_doc="每对结对村共建项目的资本",
                                source="002: 共富项目合伙制; size assumed"),
    "leader_capital_share": Field((int, float), 0.6, 0.0, 1.0, doc="share of project capital put in by the leader",
                                  zh="强村出资比例", zh_doc="联建项目资本中带头村出的比例",
                                  source="assumption: the leading, richer village puts in most of a joint project's "
                                         "capital; 共富项目合伙制 (002) gives no split"),
    "led_profit_share": Field((int, float), 0.5, 0.0, 1.0, doc="share of project profit that goes to the led village",
                              zh="弱村分成比例", zh_doc="联建项目利润分给被带村的比例",
                              source="assumption: profit-sharing rule of joint projects"),
    "project_yield": Field((int, float), 0.20, 0.0, 5.0, doc="yearly sales capacity per yuan of project capital",
                           zh="项目产能率", zh_doc="每元项目资本每年可供销售的产值",
                           source="assumption: a joint project's yearly sales capacity per yuan of capital, below a"
                                  " cluster company's (company_yield, 0.25) and a common-prosperity greenhouse's "
                                  "(0.3), because the seeds give no sales"),
    "joint_market_yuan_person": Field((int, float), 200.0, 0.0, None,
                                      doc="yearly market for a cluster's joint products per resident of its villages",
                                      zh="片区联建产品市场（每人）", zh_doc="片区每位居民每年对联建项目产品的需求",
                                      source="assumption: local and visitor demand for a cluster's joint products"),
    "governance_full": Field((int, float), 0.7, 0.05, 1.0,
                             doc="pair governance at which a joint project realises its full capacity",
                             zh="满负荷所需治理水平", zh_doc="结对双方平均治理能力达到此值时项目满负荷运营",
                             source="assumption: management capacity at which joint projects run at capacity"),
    "project_cost_share": Field((int, float), 0.45, 0.0, 1.0, doc="project costs as share of revenue",
                                zh="项目成本比例", zh_doc="项目成本占营收的比例",
                                source="assumption: a joint project's costs as share of its sales, because the seeds "
                                       "give no costs"),
    "project_sd": Field((int, float), 0.15, 0.0, 2.0, doc="yearly log-sd of project performance",
                        zh="项目经营波动", zh_doc="项目业绩逐年的随机波动",
                        source="assumption: yearly performance risk of a small joint project, somewhat below the"
                               " common-prosperity project's (0.2), because no project records are given"),
    "project_fixed_cost_share": Field((int, float), 0.04, 0.0, 1.0,
                                      doc="fixed yearly costs (upkeep, staff) as a share of project capital",
                                      zh="项目固定成本比例", zh_doc="联建项目每年的固定成本（维护、人员）占项目资本的比例",
                                      source="assumption: upkeep and staff of a small agricultural/processing project, about 4"
                                             " % of its capital a year"),
    "close_after_loss_years": Field(int, 2, 1, 50, doc="years of loss in a row after which a joint project closes",
                                    zh="连续亏损几年关停", zh_doc="项目连续亏损达到这个年数就关停，欠款由债权人核销",
                                    source="assumption: partners wind a project up after two loss-making years"),
    "brand_uplift": Field((int, float), 0.08, 0.0, 2.0,
                          doc="extra sales of tourism and farm operators in clusters with a shared brand",
                          zh="片区品牌增收", zh_doc="共用片区品牌（一片一IP）带来的文旅和农业销售增幅",
                          source="assumption: 一片一IP shared brand (001)"),
    "share_jobs": Field(bool, True, doc="led villages' workers may commute to posts in the leader village",
                        zh="共享就业岗位", zh_doc="被带村的劳动力可通勤到带头村企业就业（进入带头村劳动力市场）",
                        source="001: jobs for weak villages' households"),
    "cluster_company": Field(bool, False, doc="set up a cluster company owned by the member villages",
                             zh="成立片区强村公司", zh_doc="由成员村共同持股的片区公司",
                             source="scenario choice: 片区强村公司 (001, 004) is one of the options a cluster may take"),
    "company_capital_yuan": Field((int, float), 5_000_000.0, 0.0, None, doc="capital of each cluster company",
                                  zh="片区公司资本", zh_doc="每个片区公司的资本金",
                                  source="assumption: capital of a cluster company (片区强村公司, 001, 004), whose size the "
                                         "sources do not give"),
    "company_yield": Field((int, float), 0.25, 0.0, 5.0, doc="cluster company revenue per yuan of capital",
                           zh="片区公司营收率", zh_doc="片区公司每元资本每年的营收",
                           source="assumption: a cluster company's yearly revenue per yuan of capital, because the "
                                  "seeds give none (a village tourism company's turnover above 10 m yuan, 002, is "
                                  "one large case)"),
}


def split_pair(pair: object) -> list[str]:
    """``"leader:led"`` as its two names (anything else gives a list that is not of length 2)."""
    return pair.split(":") if isinstance(pair, str) else []


def check_settings(source: str, s: dict, names: set[str]) -> None:
    """At validation: explicit pairs must name two villages of the county (caught before a run starts)."""
    if s["rule"] != "explicit":
        return
    if not s["pairs"]:
        raise ScenarioError(source, "policies.pairing.pairs", "rule = 'explicit' but no pairs are given: "
                            "the package would never act", '"leader:led" pairs of village names')
    for k, pair in enumerate(s["pairs"]):
        parts = split_pair(pair)
        bad = [p for p in parts if p not in names]
        if len(parts) != 2 or bad:
            problem = f"no village named {bad[0]!r}" if len(parts) == 2 else "not of the form \"leader:led\""
            raise ScenarioError(source, f"policies.pairing.pairs[{k}]", f"bad pair {pair!r}: {problem}",
                                '"leader:led" with two village names of the county')


class Policy(BasePolicy):
    name = NAME
    unit_words = ("对", "pair")

    @staticmethod
    def unit_cost(settings: dict) -> float:
        """The public part of one pair's joint project (the leader puts in its share). A floor:
        the budget also covers what a leader lacks in cash, and the cluster companies."""
        return settings["joint_project_yuan"] * (1 - settings["leader_capital_share"])

    def reached(self) -> tuple[int, int]:
        return int(self.paired.sum()), 0

    def setup(self) -> None:
        self.leaders = np.zeros(0, int)
        self.led = np.zeros(0, int)
        self.projects = np.zeros(0, int)
        self.project_capital = np.zeros(0)
        self.paired = np.zeros(0, bool)  # the pair still holds (a revisit can end it)
        self.led_start_governance = np.zeros(0)
        self.companies: list[tuple[int, np.ndarray, float]] = []
        self.units = np.zeros(0, int)
        self.loss_years = np.zeros(0, np.int64)
        self.own_projects = np.zeros(0, int)  # projects led villages run alone once able
        self.own_village = np.zeros(0, int)
        self.own_capital = np.zeros(0)
        self.started = False

    # --- pairing ---------------------------------------------------------------------------
    def make_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        v, s = self.model.villages, self.settings
        if s["rule"] == "explicit":
            index = {name: i for i, name in enumerate(v.name)}
            leaders, led = [], []
            for k, pair in enumerate(s["pairs"]):
                parts = split_pair(pair)
                if len(parts) != 2 or parts[0] not in index or parts[1] not in index:
                    raise ScenarioError("scenario", f"policies.pairing.pairs[{k}]", f"bad pair {pair!r}",
                                        '"leader:led" with two village names of the county')
                leaders.append(index[parts[0]])
                led.append(index[parts[1]])
            return np.array(leaders, int), np.array(led, int)
        led = self.target_villages()
        if s["rule"] == "alliance":
            home = np.flatnonzero(~v.is_partner)
            strongest = home[np.argsort(-v.operating_income_last[home], kind="stable")][: s["alliance_size"]]
            led = led[~np.isin(led, strongest)]
            return strongest[np.arange(len(led)) % len(strongest)], led
        if self.model.formation is not None:  # formed clusters: a village that joined none is not led (不搞拉郎配)
            led = led[v.cluster[led] >= 0]
        keys = np.flatnonzero(v.is_key & ~v.is_partner)
        key_of_cluster = self._key_of_cluster()
        leaders = []
        for w in led:
            if v.cluster[w] in key_of_cluster:
                leaders.append(key_of_cluster[int(v.cluster[w])])
            else:
                d = np.hypot(v.x_km[keys] - v.x_km[w], v.y_km[keys] - v.y_km[w])
                leaders.append(int(keys[np.argmin(d)]))
        leaders = np.array(leaders, int)
        keep = leaders != led
        return leaders[keep], led[keep]

    def _key_of_cluster(self) -> dict[int, int]:
        """Each cluster's key village."""
        v = self.model.villages
        return {int(v.cluster[k]): int(k) for k in np.flatnonzero(v.is_key & ~v.is_partner)}

    def _start(self) -> None:
        s = self.settings
        self.started = True
        leaders, led = self.make_pairs()
        if len(led) == 0:
            return
        self._open_pairs(leaders, led)
        self._brand()
        if s["cluster_company"]:
            self._start_companies()
        self._units()

    def _open_pairs(self, leaders: np.ndarray, led: np.ndarray) -> None:
        """Open a joint project for each pair: the leader's share from its cash (the budget
        covers what it lacks), the led village's share from the budget."""
        m, s, L = self.model, self.settings, self.model.ledger
        n = len(led)
        capital = np.full(n, float(s["joint_project_yuan"]))
        cash = np.maximum(village_cash_now(m), 0)
        lead_part = capital * s["leader_capital_share"]
        from_leader = np.zeros(n)
        for k, leader in enumerate(leaders):  # leaders may lead several villages: spend in turn
            from_leader[k] = min(lead_part[k], cash[leader])
            cash[leader] -= from_leader[k]
        public = np.array([self.spend(x) for x in capital - from_leader])
        capital = from_leader + public
        projects = m.add_enterprises(kind=PROJECT, village=leaders, owner_village=OUTSIDE)
        L.pay("collective_investment", (leaders, from_leader), (projects, from_leader))
        L.pay("public_investment", (None, public.sum()), (projects, public))
        L.pay("inputs", (projects, capital), (None, capital.sum()))  # construction
        self.leaders, self.led = np.r_[self.leaders, leaders].astype(int), np.r_[self.led, led].astype(int)
        self.projects = np.r_[self.projects, projects].astype(int)
        self.project_capital = np.r_[self.project_capital, capital]
        self.paired = np.r_[self.paired, np.ones(n, bool)]
        self.led_start_governance = np.r_[self.led_start_governance, m.villages.governance[led]]
        if s["share_jobs"]:  # led villages' workers may commute to the leader's posts
            m.job_links[led] = leaders

    def _brand(self) -> None:
        """The villages that share a cluster brand: every village of a cluster with a pair."""
        v = self.model.villages
        clusters = np.unique(v.cluster[self.led[self.paired]])
        self.branded_village = np.isin(v.cluster, clusters[clusters >= 0])

    def on_clusters_changed(self, changed: np.ndarray) -> None:
        """Villages changed cluster at a revisit (``formation.revisit_years``): a led village that
        left its leader's cluster ends the pair — the joint project is wound up like a failed one
        and the mentoring, the shared posts and the brand stop; a targeted village that has joined
        a cluster (and is not led) gets a pair with its key village while the budget lasts."""
        if not self.started or len(changed) == 0:
            return
        m, v = self.model, self.model.villages
        ending = self.paired & np.isin(self.led, changed) & (v.cluster[self.led] != v.cluster[self.leaders])
        if ending.any():
            close_enterprises(m, self.projects[ending & m.enterprises.alive[self.projects]])
            m.job_links[self.led[ending]] = -1
            self.paired = self.paired & ~ending
        led_now, moved = set(self.led[self.paired].tolist()), set(changed.tolist())
        keys = self._key_of_cluster()
        joining = [int(w) for w in self.target_villages()
                   if w in moved and w not in led_now and v.cluster[w] in keys and not v.is_key[w]]
        affordable = self.affordable(self.unit_cost(self.settings), len(joining))
        joining = np.array(joining[:affordable], int)
        if len(joining):
            self._open_pairs(np.array([keys[int(v.cluster[w])] for w in joining], int), joining)
        self._brand()
        self._units()

    def _start_companies(self) -> None:
        m, s, L, v = self.model, self.settings, self.model.ledger, self.model.villages
        for c in np.unique(v.cluster[np.r_[self.leaders, self.led]]):
            if c < 0:
                continue
            members = np.flatnonzero((v.cluster == c) & ~v.is_partner)
            key = members[v.is_key[members]][0] if v.is_key[members].any() else members[0]
            capital = self.spend(float(s["company_capital_yuan"]))
            e = int(m.add_enterprises(kind=PROJECT, village=key, owner_village=OUTSIDE)[0])
            L.pay("public_investment", (None, capital), (np.array([e]), np.array([capital])))
            L.pay("inputs", (np.array([e]), np.array([capital])), (None, capital))
            self.companies.append((e, members, capital))

    # --- joint projects' market ---------------------------------------------------------------
    def _units(self) -> None:
        """The joint units that sell into the clusters' markets: the pairs' projects, then the
        cluster companies; each with its capital, capacity per yuan and market."""
        s, v = self.settings, self.model.villages
        counts = dict(zip(self.units.tolist(), self.loss_years.tolist()))
        companies = np.array([c[0] for c in self.companies], int)
        self.units = np.r_[self.projects, companies, self.own_projects].astype(int)
        self.unit_capital = np.r_[self.project_capital, [c[2] for c in self.companies], self.own_capital]
        self.unit_yield = np.r_[np.full(len(self.projects), float(s["project_yield"])),
                                np.full(len(companies), float(s["company_yield"])),
                                np.full(len(self.own_projects), float(s["project_yield"]))]
        # a clustered village's projects sell in its cluster's market; an unclustered led village's
        # in its own (key -1 - village)
        def market_of(villages):
            return np.where(v.cluster[villages] >= 0, v.cluster[villages], -1 - villages)
        self.unit_market = np.r_[market_of(self.led), [v.cluster[c[1][0]] for c in self.companies],
                                 market_of(self.own_village)].astype(int)
        # each unit keeps its loss-year count (new pairs' projects come before the companies)
        self.loss_years = np.array([counts.get(u, 0) for u in self.units.tolist()], np.int64)

    def _market_people(self, keys: np.ndarray) -> np.ndarray:
        """Residents of each market: a cluster's home villages; an unclustered led village and its leader."""
        m, v = self.model, self.model.villages
        residents = m.household_bases.members.totals  # members per village, grouped once
        home = ~v.is_partner & (v.cluster >= 0)
        by_cluster = np.bincount(v.cluster[home], weights=residents[home], minlength=max(int(v.cluster.max()) + 1, 1))
        leader_of = dict(zip(self.led.tolist(), self.leaders.tolist()))
        return np.array([by_cluster[k] if k >= 0 else residents[-1 - k] + residents[leader_of[-1 - k]]
                         for k in keys.tolist()])

    def joint_sales_year(self) -> np.ndarray:
        """What each joint unit sells a year: its capacity, realised by its management (the pair's,
        or the member villages' for a company), at the brand's price, within its market — shared
        by the open units selling there in proportion to what they can supply."""
        m, s, v = self.model, self.settings, self.model.villages
        grow = growth(m, "economy.business_growth")
        management = np.r_[(v.governance[self.leaders] + v.governance[self.led]) / 2,
                           [v.governance[c[1]].mean() for c in self.companies],
                           v.governance[self.own_village]]
        efficiency = np.minimum(1.0, management / s["governance_full"])
        supply = self.unit_capital * self.unit_yield * efficiency * (1 + s["brand_uplift"]) * grow
        supply = supply * m.enterprises.alive[self.units]  # a closed unit leaves its market to the rest
        keys, group = np.unique(self.unit_market, return_inverse=True)
        market = s["joint_market_yuan_person"] * self._market_people(keys) * grow
        offered = np.bincount(group, weights=supply, minlength=len(keys))
        sold_share = np.minimum(1.0, np.divide(market, offered, out=np.zeros(len(keys)), where=offered > 0))
        return supply * sold_share[group]

    # --- hooks -----------------------------------------------------------------------------
    def on_month(self, year_index: int, month: int) -> None:
        if not self.started:
            self._start()
        if len(self.led) == 0:
            return
        m, s, L = self.model, self.settings, self.model.ledger
        E = m.enterprises
        # joint projects and cluster companies: revenue in, costs out, profit held to year end
        open_ = E.alive[self.units]
        idx = self.units[open_]
        sales = self.joint_sales_year()[open_] * self.performance(idx, s["project_sd"]) / 12
        cost = sales * s["project_cost_share"] + self.unit_capital[open_] * s["project_fixed_cost_share"] / 12
        L.pay("sales", (None, sales.sum()), (idx, sales))
        L.pay("inputs", (idx, cost), (None, cost.sum()))
        E.cash[idx] += sales - cost
        E.profit_ytd[idx] += sales - cost
        # shared brand: operators in clusters with a pair sell more (a price/visitor premium)
        if s["brand_uplift"] > 0:
            branded = self.branded_village[E.village] & E.alive & np.isin(E.kind, (TOURISM, AGRI))
            idx = np.flatnonzero(branded)
            extra = E.revenue_base_yuan_year[idx] * E.productivity[idx] / 12 * s["brand_uplift"]
            L.pay("cluster_brand_sales", (None, extra.sum()), (idx, extra))
            E.revenue_month[idx] += extra

    def on_year_close(self, year_index: int) -> None:
        if len(self.led) == 0:
            return
        m, s, L, v = self.model, self.settings, self.model.ledger, self.model.villages
        E = m.enterprises
        self.loss_years = self.close_loss_makers(self.units, self.loss_years)
        # joint project profit, split by the profit-sharing rule
        profit = self.take_profit(self.projects)
        to_led = profit * s["led_profit_share"]
        to_leader = profit - to_led
        L.pay("project_return", (self.projects, to_led), (self.led, to_led))
        L.pay("project_return", (self.projects, to_leader), (self.leaders, to_leader))
        company_pay = self.take_profit(np.array([c[0] for c in self.companies], int))
        for (e, members, _), pay in zip(self.companies, company_pay):
            share = np.full(len(members), pay / len(members))
            L.pay("company_profit", (np.full(len(members), e), share), (members, share))
        # a led village's own projects: the whole profit is the village's
        profit = self.take_profit(self.own_projects)
        L.pay("project_return", (self.own_projects, profit), (self.own_village, profit))
        # know-how spillover: the led village's governance closes part of the gap to its
        # leader, less the farther apart they are, and its enterprises become more productive with it
        gain = self.spillover()
        np.add.at(v.governance, self.led, gain)
        gain_v = np.bincount(self.led, weights=gain, minlength=v.n)
        E.productivity *= 1 + s["productivity_per_governance"] * gain_v[E.village]
        self._start_own_projects()

    def spillover(self) -> np.ndarray:
        """This year's governance gain of each led village: its gap to the leader, closed at the
        spillover rate damped by the pair's distance."""
        s, v = self.settings, self.model.villages
        gap = np.maximum(v.governance[self.leaders] - v.governance[self.led], 0) * self.paired
        km = np.hypot(v.x_km[self.leaders] - v.x_km[self.led], v.y_km[self.leaders] - v.y_km[self.led])
        return s["spillover_rate"] * gap / (1 + km / s["mentoring_distance_km"])

    def _start_own_projects(self) -> None:
        """Led villages that have become able to (governance at ``capability_governance``) and
        have no project of their own yet start one, weakest first, while the budget lasts: the
        village puts in what cash it has, the budget the rest."""
        m, s, L, v = self.model, self.settings, self.model.ledger, self.model.villages
        capital = float(s["capability_project_yuan"])
        able = self.led[self.paired & (v.governance[self.led] >= s["capability_governance"])
                        & ~np.isin(self.led, self.own_village)]
        able = able[np.sort(np.unique(able, return_index=True)[1])]  # once each, weakest first
        if capital <= 0 or len(able) == 0:
            return
        cash = np.maximum(village_cash_now(m)[able], 0)
        from_village = np.minimum(cash, capital)
        public = np.zeros(len(able))
        for k, need in enumerate(capital - from_village):  # in turn, while the budget covers the rest
            if need > self.budget_left:
                break
            public[k] = self.spend(need)
        starts = from_village + public >= capital * (1 - 1e-12)
        village, from_village, public = able[starts], from_village[starts], public[starts]
        if len(village) == 0:
            return
        projects = m.add_enterprises(kind=PROJECT, village=village, owner_village=OUTSIDE)
        L.pay("collective_investment", (village, from_village), (projects, from_village))
        L.pay("public_investment", (None, public.sum()), (projects, public))
        L.pay("inputs", (projects, from_village + public), (None, capital * len(village)))  # set-up
        self.own_projects = np.r_[self.own_projects, projects].astype(int)
        self.own_village = np.r_[self.own_village, village].astype(int)
        self.own_capital = np.r_[self.own_capital, from_village + public]
        self._units()
