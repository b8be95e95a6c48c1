"""The chart of accounts: every payment category, who may pay and receive it, and which
income source it counts as for households and for village collectives.

Household sources follow the statistical definition of rural disposable income (wages,
business, property, transfers); collective sources follow the village accounts
(rents, dividends, project returns, company profit = operating income; subsidies = not).

A few categories are not cash (``cash=False``): write-offs that extinguish a claim when a
debtor fails or a stake loses value. The creditor "pays" the debtor the claim it forgives, so
the posting balances like any other and the tables show who bore the loss, but nobody's cash
moves: cash balances and cash-flow sums skip them (``NON_CASH``), and they are no one's income.
"""

from __future__ import annotations

from dataclasses import dataclass

HOUSEHOLD_SOURCES = ("wages", "business", "property", "transfers")
HOUSEHOLD_SOURCE_LABELS = {"wages": ("工资性收入", "wages"), "business": ("经营净收入", "business"),
                           "property": ("财产净收入", "property"), "transfers": ("转移净收入", "transfers")}
COLLECTIVE_SOURCES = ("rents", "dividends", "project_returns", "company_profit", "subsidies")
COLLECTIVE_OPERATING = ("rents", "dividends", "project_returns", "company_profit")
COLLECTIVE_SOURCE_LABELS = {"rents": ("租金收入", "rents"), "dividends": ("投资分红", "dividends"),
                            "project_returns": ("项目收益", "project returns"),
                            "company_profit": ("公司利润", "company profit"),
                            "subsidies": ("补助收入", "subsidies")}

KINDS = ("households", "villages", "enterprises", "government", "outside", "bank")


@dataclass(frozen=True)
class Category:
    name: str
    payer: str
    payee: str
    source: str = ""  # income source of the payee (households / villages); "" = not income
    zh: str = ""
    cash: bool = True  # False: a write-off that extinguishes a claim, no money moves
    # income that a public transfer or a guarantee pays, not the market: the "transfer part" of a
    # policy's effect (the rest is induced); policies list theirs in TRANSFER_CATEGORIES too
    transfer: bool = False


CATEGORIES: tuple[Category, ...] = (
    # households' income
    Category("wage_local", "enterprises", "households", "wages", "本地企业工资"),
    Category("wage_commute", "outside", "households", "wages", "通勤务工工资"),
    Category("wage_migrant", "outside", "households", "wages", "外出务工工资"),
    Category("wage_collective", "villages", "households", "wages", "村集体劳务工资"),
    Category("wage_project", "enterprises", "households", "wages", "共富项目工资"),
    Category("business_farming", "outside", "households", "business", "自耕农业净收入"),
    Category("business_household", "outside", "households", "business", "个体经营净收入"),
    Category("business_stay", "outside", "households", "business", "农家乐/民宿净收入"),
    Category("land_rent", "enterprises", "households", "property", "土地流转租金"),
    Category("house_rent", "outside", "households", "property", "房屋出租租金"),
    Category("dividend_collective", "villages", "households", "property", "集体股份分红"),
    Category("dividend_project", "enterprises", "households", "property", "共富项目分红"),
    Category("pension", "government", "households", "transfers", "养老金", transfer=True),
    Category("low_income_allowance", "government", "households", "transfers", "低保金", transfer=True),
    Category("subsidy_household", "government", "households", "transfers", "政策补贴", transfer=True),
    # an assigned public post (公益性岗位) of the low-income support package: work, paid by the county
    Category("wage_public_post", "government", "households", "wages", "公益性岗位工资", transfer=True),
    # collectives' income
    Category("rent_building", "enterprises", "villages", "rents", "物业租金"),
    Category("rent_land_fee", "enterprises", "villages", "rents", "土地流转服务费"),
    Category("rent_collective_land", "enterprises", "villages", "rents", "集体土地租金"),
    Category("rent_scenic", "enterprises", "villages", "rents", "景区经营权租金"),
    Category("return_investment", "outside", "villages", "dividends", "对外投资收益"),
    Category("return_flying_land", "enterprises", "villages", "dividends", "飞地抱团回报（保底期内为包租固定回报）"),
    Category("project_return", "enterprises", "villages", "project_returns", "联建/共富项目收益"),
    Category("company_profit", "enterprises", "villages", "company_profit", "村级公司利润"),
    Category("subsidy_village", "government", "villages", "subsidies", "财政补助", transfer=True),
    # collectives' outlays and financing
    Category("collective_spending", "villages", "outside", "", "公共服务与运维支出"),
    Category("collective_investment", "villages", "enterprises", "", "集体出资"),
    Category("collective_construction", "villages", "outside", "", "集体物业建设支出"),
    Category("capital_return", "enterprises", "villages", "", "退还出资"),
    Category("loan", "bank", "villages", "", "贷款"),
    Category("loan_repayment", "villages", "bank", "", "还本"),
    Category("interest", "villages", "bank", "", "利息"),
    # enterprises' revenue and outlays
    Category("sales", "outside", "enterprises", "", "销售收入"),
    Category("visitor_spending", "outside", "enterprises", "", "游客消费"),
    Category("inputs", "enterprises", "outside", "", "中间投入"),
    Category("owner_payout", "enterprises", "outside", "", "业主分红"),
    Category("public_investment", "government", "enterprises", "", "财政投资"),
    Category("return_guarantee", "government", "enterprises", "", "保底回报财政兜底"),
    Category("public_works", "government", "outside", "", "公共工程支出（整治、景区建设）"),
    Category("cluster_brand_sales", "outside", "enterprises", "", "片区品牌溢价"),
    Category("private_investment", "outside", "enterprises", "", "企业投资"),
    # enterprises' bank credit line (economy/credit.py)
    Category("enterprise_loan", "bank", "enterprises", "", "企业贷款"),
    Category("enterprise_interest", "enterprises", "bank", "", "企业贷款利息"),
    Category("enterprise_repayment", "enterprises", "bank", "", "企业还贷"),
    # collectives' investment of retained cash (economy/collective_investment.py)
    Category("collective_share_purchase", "villages", "outside", "", "集体入股（股份、抱团项目）"),
    # write-offs (not cash): the creditor forgives what a failed debtor owes, a stake loses value
    Category("enterprise_loan_writeoff", "bank", "enterprises", "", "企业贷款核销", cash=False),
    Category("rent_writeoff", "villages", "enterprises", "", "欠租核销（坏账）", cash=False),
    Category("investment_writedown", "villages", "outside", "", "对外投资减值", cash=False),
    # common prosperity: the private operator honours the dividend floor it guaranteed; the part
    # of shareholders' dividends that a guarantor's top-up paid (not the project's profit)
    Category("operator_guarantee", "outside", "enterprises", "", "运营方保底补足"),
    Category("project_return_guaranteed", "enterprises", "villages", "project_returns", "项目保底收益（兜底部分）",
             transfer=True),
    Category("dividend_project_guaranteed", "enterprises", "households", "property", "共富项目保底分红（兜底部分）",
             transfer=True),
    # flying land (policies/flying_land.py): the park's tenant market and the host county's contract
    Category("rent_park_flying_land", "enterprises", "enterprises", "", "飞地园区厂房租金"),
    Category("return_guarantee_flying_land", "government", "enterprises", "", "飞地包租保底回报东部县兜底"),
    Category("park_surplus_flying_land", "enterprises", "government", "", "飞地园区超出保底的租金/县持股份收益归东部县"),
    Category("return_flying_land_guaranteed", "enterprises", "villages", "dividends", "飞地包租回报（东部县兜底部分）",
             transfer=True),
    # credit (economy/collective.py settle_defaults): a defaulted term loan is written off; a public
    # risk pool (风险补偿资金池) compensates the bank its contracted share of the loss
    Category("collective_loan_writeoff", "bank", "villages", "", "集体贷款违约核销", cash=False),
    Category("loan_loss_compensation", "government", "bank", "", "风险补偿资金池代偿"),
)
BY_NAME = {c.name: c for c in CATEGORIES}
NON_CASH = frozenset(c.name for c in CATEGORIES if not c.cash)


# income a transfer or a guarantee's payment pays: the "transfer part" of a policy's effect. The
# policies' TRANSFER_CATEGORIES name which of their categories these are (or, for tourism, the
# public outlay itself); the flags here are the one list the records read.
TRANSFER = frozenset(c.name for c in CATEGORIES if c.transfer)


def household_categories(source: str) -> list[str]:
    return [c.name for c in CATEGORIES if c.payee == "households" and c.source == source]


def collective_categories(source: str) -> list[str]:
    return [c.name for c in CATEGORIES if c.payee == "villages" and c.source == source]
