"""The enterprises' bank credit line: no enterprise holds negative cash that no one lent it.

Each month, after the month's cash is booked (``enterprises.settle``), an enterprise pays
interest on what it owes the bank, borrows whatever its cash fell short by, and repays out of
cash above a reserve of a few months' costs; arrears of building rent are paid back after the
bank. The bank lends up to ``enterprises.failure_cash_months`` months of the firm's (smoothed)
costs; a firm that needs more fails (``enterprises.fail``), and ``liquidate`` settles it: its
cash goes to the bank, then to the landlord's arrears, then to its owners, and what is still
owed is written off (non-cash postings, see ``accounts``) to the bank and the collective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..model import ClusterModel


def month(model: ClusterModel) -> None:
    """Interest, overdrafts turned into loans, repayment from spare cash, arrears paid back."""
    E, L, ent = model.enterprises, model.ledger, model.params["enterprises"]
    cost = E.cost_month + E.overdue_month
    # the monthly cost the bank lends against and the reserve is kept in: a 12-month moving average
    E.cost_avg = np.where(E.cost_avg > 0, E.cost_avg + (cost - E.cost_avg) / 12, cost)
    owing = np.flatnonzero(E.loan > 0)
    interest = E.loan[owing] * ent["loan_rate"] / 12
    L.pay("enterprise_interest", (owing, interest), (None, interest.sum()))
    E.cash[owing] -= interest
    E.profit_ytd[owing] -= interest
    cover_overdrafts(model)
    spare = np.maximum(E.cash - ent["cash_reserve_months"] * E.cost_avg, 0.0)
    repay(model, np.flatnonzero(np.minimum(E.loan, spare) > 0), spare)
    spare = np.maximum(E.cash - ent["cash_reserve_months"] * E.cost_avg, 0.0)
    pay_arrears(model, np.flatnonzero(np.minimum(E.arrears, spare) > 0), spare)


def cover_overdrafts(model: ClusterModel) -> None:
    """Whatever an enterprise's cash fell short by becomes a bank loan."""
    E = model.enterprises
    short = np.flatnonzero(E.cash < 0)
    draw = -E.cash[short]
    model.ledger.pay("enterprise_loan", (None, draw.sum()), (short, draw))
    E.cash[short] = 0.0
    E.loan[short] += draw


def repay(model: ClusterModel, idx: np.ndarray, available: np.ndarray) -> None:
    """Enterprises ``idx`` repay their loans out of ``available`` cash (aligned with all)."""
    E = model.enterprises
    amount = np.minimum(E.loan[idx], available[idx])
    model.ledger.pay("enterprise_repayment", (idx, amount), (None, amount.sum()))
    E.cash[idx] -= amount
    E.loan[idx] -= amount


def pay_arrears(model: ClusterModel, idx: np.ndarray, available: np.ndarray) -> None:
    """Enterprises ``idx`` pay their landlords' rent arrears out of ``available`` cash. The rent
    was charged to profit when it fell due, so paying it only moves cash."""
    E = model.enterprises
    amount = np.minimum(E.arrears[idx], available[idx])
    model.ledger.pay("rent_building", (idx, amount), (E.village[idx], amount))
    E.cash[idx] -= amount
    E.arrears[idx] -= amount


def liquidate(model: ClusterModel, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Settle failing enterprises ``idx``: cash to the bank, the landlord, then the owners; the
    rest of the loan and of the arrears is written off. Returns (loan, rent) written off."""
    E, L = model.enterprises, model.ledger
    repay(model, idx, E.cash)
    pay_arrears(model, idx, E.cash)
    loan_lost, rent_lost = E.loan[idx].copy(), E.arrears[idx].copy()
    L.pay("enterprise_loan_writeoff", (None, loan_lost.sum()), (idx, loan_lost))
    L.pay("rent_writeoff", (E.village[idx], rent_lost), (idx, rent_lost))
    E.loan[idx] = 0.0
    E.arrears[idx] = 0.0
    # what is left belongs to the owners: a collective gets its capital back, private owners theirs
    rest = E.cash[idx]
    owned = E.owner_village[idx] >= 0
    L.pay("capital_return", (idx[owned], rest[owned]), (E.owner_village[idx[owned]], rest[owned]))
    L.pay("owner_payout", (idx[~owned], rest[~owned]), (None, rest[~owned].sum()))
    E.cash[idx] = 0.0
    return loan_lost, rent_lost
