"""The only way money moves: every payment has a category, a payer side and a payee side.

A posting may be many-to-many (all enterprises of a village paying all its workers), given as
index/amount arrays on each side; the ledger refuses a posting whose two sides differ, adds
each side to per-entity accounts with ``numpy.bincount`` (no Python loop over households) and
keeps monthly totals by (payer kind, payee kind, category) for the balance checks.

Recurring payments to a million households (wages, rents, pensions…) follow amounts that are
fixed for the year per household (workers, leased land, elderly members) times a rate that
may change monthly per group (the village's wage per worker). ``pay_grouped`` posts those
in O(groups) a month: it keeps the monthly rate sums per group and books each household's
share once, when the year's accounts are taken (``flush``).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .accounts import BY_NAME, KINDS, NON_CASH

Side = tuple[np.ndarray | None, np.ndarray | float]  # (indices or None = aligned with all entities, amounts)


def sum_accounts(accounts: dict[str, np.ndarray], n: int, categories=None) -> np.ndarray:
    """Per-entity sum over one kind's accounts (``{category: amounts}``): the given categories,
    or all cash categories (write-offs move no cash); the first ``n`` entities."""
    out = np.zeros(n)
    for cat in [c for c in accounts if c not in NON_CASH] if categories is None else categories:
        arr = accounts.get(cat)
        if arr is not None:
            out += arr[:n]
    return out


class UnbalancedPosting(AssertionError):
    pass


class GroupedBase:
    """Per-entity bases that stay fixed for a year, and their sums per group.

    ``amount paid to entity i = base[i] × rate[group[i]]``; entities with group < 0 get nothing.
    """

    def __init__(self, kind: str, group: np.ndarray, base: np.ndarray, n_groups: int):
        self.kind = kind
        self.group = np.asarray(group)
        self.base = np.asarray(base, dtype=float)
        valid = self.group >= 0
        self.all_valid = bool(valid.all())
        if not self.all_valid:
            self.base = np.where(valid, self.base, 0.0)
            self.group = np.where(valid, self.group, 0)
        self.totals = np.bincount(self.group, weights=self.base, minlength=n_groups)


def _spread(amount: np.ndarray | float, shape: tuple) -> np.ndarray:
    """``amount`` as float over ``shape`` (an array already of that shape is itself). A single
    amount is filled in, not broadcast: ``np.broadcast_to`` costs ~20 µs a call, and the ledger
    takes ~10,000 postings a Pinghu run."""
    amount = np.asarray(amount, dtype=float)
    if amount.shape == shape:
        return amount
    return np.full(shape, amount.item()) if amount.size == 1 else np.broadcast_to(amount, shape)


class Ledger:
    """Per-entity received/paid totals for the current year, and monthly flow totals."""

    def __init__(self, sizes: dict[str, int]):
        self.sizes = {k: int(sizes.get(k, 1)) for k in KINDS}
        self.received: dict[str, dict[str, np.ndarray]] = {k: {} for k in KINDS}
        self.paid: dict[str, dict[str, np.ndarray]] = {k: {} for k in KINDS}
        self.month_flows: dict[tuple[str, str, str], float] = defaultdict(float)
        self.history: list[dict] = []  # one row per (year, month, payer, payee, category)
        # keyed by the base object itself, not id(base): a pickled copy of the model keeps adding to
        # the same entries (ids change across pickling; a new entry would change the sum's order)
        self._deferred: dict[tuple[GroupedBase, str], tuple[GroupedBase, str, np.ndarray]] = {}

    def resize(self, kind: str, size: int) -> None:
        """Grow a kind's accounts (enterprises enter during a run)."""
        if size <= self.sizes[kind]:
            return
        for book in (self.received[kind], self.paid[kind]):
            for cat, arr in book.items():
                book[cat] = np.concatenate([arr, np.zeros(size - len(arr))])
        self.sizes[kind] = size

    def _book(self, book: dict[str, dict[str, np.ndarray]], kind: str, category: str,
              idx: np.ndarray | None, amount: np.ndarray | float) -> float:
        acc = book[kind].get(category)
        if acc is None:
            acc = book[kind][category] = np.zeros(self.sizes[kind])
        if idx is None and len(acc) == 1:
            # the government or the outside: one account, so no array to spread the amount over
            value = np.asarray(amount, dtype=float)
            if value.size == 1:
                acc[0] += value.item()
                return value.item()
        if idx is None:
            amount = _spread(amount, acc.shape)
            acc += amount
            return float(amount.sum())
        amount = _spread(amount, np.shape(idx))
        if len(idx) * 16 < len(acc):
            # a few payees among many (a project's workers among a province's households): sum
            # per distinct payee, in the same order as bincount, instead of a full-length array
            ordered = np.sort(idx)
            if not (ordered[1:] == ordered[:-1]).any():  # each payee once: its amount is its sum
                acc[idx] += amount
            else:
                payees, slot = np.unique(idx, return_inverse=True)
                acc[payees] += np.bincount(slot, weights=amount, minlength=len(payees))
        else:
            acc += np.bincount(idx, weights=amount, minlength=len(acc))
        return float(amount.sum())

    def pay(self, category: str, payer: Side, payee: Side) -> float:
        """Record one posting; both sides must carry the same total. Returns the total."""
        cat = BY_NAME[category]
        out_total = self._book(self.paid, cat.payer, category, *payer)
        in_total = self._book(self.received, cat.payee, category, *payee)
        if abs(out_total - in_total) > 1e-6 * max(1.0, abs(out_total)):
            raise UnbalancedPosting(f"{category}: paid {out_total!r} != received {in_total!r}")
        self.month_flows[(cat.payer, cat.payee, category)] += out_total
        return out_total

    def pay_grouped(self, category: str, payer: Side, payees: list[tuple[GroupedBase, np.ndarray]]) -> float:
        """Post ``Σ base × rate[group]`` to the payees; their per-entity accounts are booked at
        ``flush``. The payer side is booked now and must carry the same total."""
        cat = BY_NAME[category]
        in_total = 0.0
        for base, rate in payees:
            assert base.kind == cat.payee, (category, base.kind)
            rate = _spread(rate, base.totals.shape)
            in_total += float(rate @ base.totals)
            key = (base, category)
            if key not in self._deferred:
                self._deferred[key] = (base, category, np.zeros(len(base.totals)))
            self._deferred[key][2][:] += rate
        out_total = self._book(self.paid, cat.payer, category, *payer)
        if abs(out_total - in_total) > 1e-6 * max(1.0, abs(out_total)):
            raise UnbalancedPosting(f"{category}: paid {out_total!r} != received {in_total!r}")
        self.month_flows[(cat.payer, cat.payee, category)] += out_total
        return out_total

    def flush(self) -> None:
        """Book the grouped postings' per-entity amounts into the received accounts."""
        for base, category, rate_sum in self._deferred.values():
            acc = self.received[base.kind].get(category)
            if not rate_sum.any():  # nothing was paid through this base: an empty account at most
                if acc is None:
                    self.received[base.kind][category] = np.zeros(self.sizes[base.kind])
                continue
            amount = base.base * rate_sum[base.group]
            if acc is None:
                self.received[base.kind][category] = amount
            else:
                acc += amount
        self._deferred.clear()

    def close_month(self, year: int, month: int) -> None:
        for (payer, payee, category), amount in self.month_flows.items():
            self.history.append({"year": year, "month": month, "payer": payer, "payee": payee,
                                 "category": category, "amount_yuan": amount})
        self.month_flows.clear()

    def take_year(self) -> tuple[dict, dict]:
        """Hand over the year's per-entity received/paid accounts and start new ones."""
        self.flush()
        received, paid = self.received, self.paid
        self.received = {k: {} for k in KINDS}
        self.paid = {k: {} for k in KINDS}
        return received, paid

    def total(self, book: dict, kind: str, categories: list[str] | tuple[str, ...], size: int | None = None) -> np.ndarray:
        """Sum of the given categories per entity of ``kind`` in a year's book."""
        return sum_accounts(book[kind], self.sizes[kind] if size is None else size, categories)
