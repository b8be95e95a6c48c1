"""What collectives do with retained cash: keep a reserve, invest the rest, borrow under the red line.

At each year end (after dividends and debt repayment) a collective keeps
``collective.reserve_months`` months of this year's spending as cash; the surplus is invested:

- a share ``collective.building_share`` in new collective floor space at
  ``collective.building_cost_yuan_m2`` (``collective_construction``), when the village's space
  is let (less vacant than half a tenant firm's floor) — tenants take it in ``enterprises.evolve``;
- the rest in company shares and pooled projects (抱团项目, ``collective_share_purchase``), whose
  return each year is risky: ``r = investment_return + investment_return_sd × z`` with ``z`` a
  keyed normal draw per village and year (the base year earns the mean). A positive ``r`` is
  paid monthly as
  ``return_investment``; a negative one writes the stake down at the year end
  (``investment_writedown``, not cash).

When the expected return of the year's investment beats ``collective.loan_rate`` the collective
also borrows, at most as much as it invests of its own and only up to a debt ratio of
``collective.borrow_target_share`` (never above the red line ``collective.debt_limit_share``);
a collective at or over the red line invests nothing and pays debt down with its surplus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .base import growth, village_cash_now
from .funding import subsidy_share_of_receipts

if TYPE_CHECKING:
    from ..model import ClusterModel

# the outlays a collective keeps its reserve against
SPENDING = ("collective_spending", "wage_collective", "interest", "dividend_collective")


def yearly_return(model: ClusterModel) -> np.ndarray:
    """This year's return on each collective's shares and pooled projects (a keyed draw). The
    base year earns the mean: the initial stakes are sized from the observed base-year incomes
    (generator), so the draws describe the years that follow."""
    c, n = model.params["collective"], model.villages.n
    if model.year_index == 0:
        return np.full(n, float(c["investment_return"]))
    z = model.streams.normal("collective.investment_return", np.arange(n), model.year_index)
    return c["investment_return"] + c["investment_return_sd"] * z


def month(model: ClusterModel) -> None:
    """The month's return on the collectives' stakes, when the year's return is positive."""
    v = model.villages
    ret = v.invested_capital_yuan * np.maximum(yearly_return(model), 0.0) / 12
    model.ledger.pay("return_investment", (None, ret.sum()), (None, ret))


def invest(model: ClusterModel) -> None:
    """Year end: write losing stakes down, keep the reserve, invest the surplus, borrow if it pays."""
    v, L, c = model.villages, model.ledger, model.params["collective"]
    model.funding.note_year_holdings(v.building_m2, v.invested_capital_yuan)
    lost_share = np.clip(-yearly_return(model), 0.0, 1.0)
    loss = v.invested_capital_yuan * lost_share
    L.pay("investment_writedown", (None, loss), (None, loss.sum()))
    v.invested_capital_yuan -= loss
    model.funding.write_down(1.0 - lost_share)

    cash = village_cash_now(model)
    reserve = c["reserve_months"] / 12 * L.total(L.paid, "villages", SPENDING, v.n)
    surplus = np.maximum(cash - reserve, 0.0)
    assets = v.building_m2 * c["building_value_yuan_m2"] + v.invested_capital_yuan + np.maximum(cash, 0.0)
    over = (v.debt > 0) & (v.debt >= c["debt_limit_share"] * assets)
    # at or over the red line: the surplus pays debt down instead
    repay = np.where(over, np.minimum(surplus, v.debt), 0.0)
    owing = np.flatnonzero(repay > 0)
    L.pay("loan_repayment", (owing, repay[owing]), (None, repay[owing].sum()))
    v.debt -= repay
    own = np.where(over, 0.0, surplus)

    E = model.enterprises
    let = np.bincount(E.village, weights=E.building_m2 * E.alive, minlength=v.n)
    can_build = (v.building_m2 - let < model.params["enterprises"]["firm_m2"] / 2) & ~v.is_partner & (v.households > 0)
    build_share = c["building_share"] * can_build
    cost = c["building_cost_yuan_m2"]
    occupancy = np.divide(let, v.building_m2, out=np.ones(v.n), where=v.building_m2 > 0)
    building_return = c["building_rent_yuan_m2_year"] * growth(model, "collective.operating_growth") * occupancy / cost
    expected = build_share * building_return + (1 - build_share) * c["investment_return"]
    # borrowing keeps the debt ratio under the target even if the new assets were worth nothing
    haircut = 1 - c["building_value_yuan_m2"] / cost
    assets_after = assets - repay - own * build_share * haircut
    target = min(c["borrow_target_share"], c["debt_limit_share"])
    room = np.maximum(target * assets_after - v.debt, 0.0)
    borrow = np.where((expected > c["loan_rate"]) & ~over, np.minimum(room, own), 0.0)
    lent = np.flatnonzero(borrow > 0)
    L.pay("loan", (None, borrow[lent].sum()), (lent, borrow[lent]))
    v.debt += borrow

    model.funding.add(own, borrow, build_share, subsidy_share_of_receipts(model), cost)
    build = (own + borrow) * build_share
    shares = own + borrow - build
    builders = np.flatnonzero(build > 0)
    L.pay("collective_construction", (builders, build[builders]), (None, build[builders].sum()))
    v.building_m2 += build / cost  # vacant until a tenant enters (enterprises.evolve)
    buyers = np.flatnonzero(shares > 0)
    L.pay("collective_share_purchase", (buyers, shares[buyers]), (None, shares[buyers].sum()))
    v.invested_capital_yuan += shares
