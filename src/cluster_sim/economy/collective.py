"""Village collectives: transfers in, spending, wages and interest out, dividends to members and
debt repayment at the year end, and the year's accounts. What they do with retained cash, and
the returns on it, is ``collective_investment``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..accounts import COLLECTIVE_OPERATING, collective_categories
from ..ledger import sum_accounts
from .base import growth, village_cash_now

if TYPE_CHECKING:
    from ..model import ClusterModel


def subsidy_due(model: ClusterModel) -> np.ndarray:
    """Monthly government transfer to each collective (partner villages: their own county's)."""
    v, c = model.villages, model.params["collective"]
    home = c["subsidy_base_yuan_year"] + c["subsidy_per_household_yuan_year"] * v.households
    return np.where(v.is_partner, v.partner_subsidy_yuan, home) * growth(model, "economy.transfer_growth") / 12


def month(model: ClusterModel) -> None:
    """The month's transfer in, and spending, staff wages and interest out. The transfer's earmarked
    part (``1 − collective.subsidy_investable_share``) is spent on public services as it arrives;
    the spending rule applies to the rest of last year's income."""
    v, L, c = model.villages, model.ledger, model.params["collective"]
    sub = subsidy_due(model)
    L.pay("subsidy_village", (None, sub.sum()), (None, sub))
    earmarked = 1.0 - c["subsidy_investable_share"]
    # last year's transfer (before the first year closes: the base year's own)
    sub_last = v.income_by_source["subsidies"] if model.year_index > 0 else sub * 12
    free_income = np.maximum(v.total_income_last - earmarked * sub_last, 0)
    spend = free_income * c["spending_share"] / 12 + earmarked * sub
    staff = spend * c["staff_wage_share"] * (v.households > 0)
    workers = model.household_bases.workers
    per_worker = np.divide(staff, workers.totals, out=np.zeros(v.n), where=workers.totals > 0)
    L.pay_grouped("wage_collective", (None, per_worker * workers.totals), [(workers, per_worker)])
    L.pay("collective_spending", (None, spend - staff), (None, (spend - staff).sum()))
    interest = v.debt * c["loan_rate"] / 12
    L.pay("interest", (None, interest), (None, interest.sum()))


def pay_dividends(model: ClusterModel) -> None:
    """Share-cooperative dividend to member households out of this year's operating income."""
    v, L, c = model.villages, model.ledger, model.params["collective"]
    operating = operating_income_so_far(model)
    dividend = np.maximum(operating, 0) * c["dividend_payout_share"] * (v.households > 0)
    members = model.household_bases.members
    per_member = np.divide(dividend, members.totals, out=np.zeros(v.n), where=members.totals > 0)
    L.pay_grouped("dividend_collective", (None, per_member * members.totals), [(members, per_member)])


def repay_debt(model: ClusterModel) -> None:
    """Collectives pay their term loans' instalments first (as far as cash reaches: a shortfall is
    a missed instalment), then pay down debt out of a share of the spare cash at the year end."""
    v, c = model.villages, model.params["collective"]
    cash = np.maximum(village_cash_now(model), 0)
    due = np.minimum(v.term_instalment, v.term_loan)
    instalment = np.minimum(due, cash)
    v.missed_instalments = np.where(due > 0, np.where(instalment < due, v.missed_instalments + 1, 0), 0)
    repay = np.minimum(v.debt, instalment + (cash - instalment) * c["repayment_share"])
    owing = np.flatnonzero(repay > 0)
    model.ledger.pay("loan_repayment", (owing, repay[owing]), (None, repay[owing].sum()))
    v.debt -= repay
    v.term_loan = np.minimum(v.term_loan - instalment, v.debt)


def settle_defaults(model: ClusterModel) -> None:
    """A term loan whose instalment was missed at ``collective.default_after_years`` successive
    year ends defaults: the bank writes off what is left of it (``collective_loan_writeoff``, not
    cash), and a public risk pool, where the lending policy set one up, compensates the bank its
    contracted share of the loss (``loan_loss_compensation``: public money)."""
    v, L = model.villages, model.ledger
    failed = np.flatnonzero((v.missed_instalments >= model.params["collective"]["default_after_years"])
                            & (v.term_loan > 0))
    if not len(failed):
        return
    lost = v.term_loan[failed].copy()
    L.pay("collective_loan_writeoff", (None, lost.sum()), (failed, lost))
    cover = lost * v.loss_cover_share[failed]
    L.pay("loan_loss_compensation", (None, cover.sum()), (None, cover.sum()))
    v.debt[failed] -= lost
    v.term_loan[failed] = 0.0
    v.term_instalment[failed] = 0.0
    v.missed_instalments[failed] = 0
    v.defaulted_year[failed] = model.calendar_year


def operating_income_so_far(model: ClusterModel) -> np.ndarray:
    """Collectives' operating income booked so far this year."""
    cats = [cat for s in COLLECTIVE_OPERATING for cat in collective_categories(s)]
    return model.ledger.total(model.ledger.received, "villages", cats)


def close_accounts(model: ClusterModel, received: dict, paid: dict) -> None:
    """The year's books: households' and collectives' income by source, collectives' cash."""
    v, h = model.villages, model.households
    h.close_year(received["households"])
    v.close_year(received["villages"])
    model.funding.close_year(model, received["villages"])
    outflow = sum_accounts(paid["villages"], v.n)
    v.cash += sum_accounts(received["villages"], v.n) - outflow
    v.spending_last = outflow
