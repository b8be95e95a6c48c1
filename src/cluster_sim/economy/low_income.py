"""Low-income households (低收入农户): who they are is a status that follows income.

- **Capacity.** Members of working age in households registered poor at the start work part
  time (illness, disability, age, care duties): the generator gives them partial capacity.
  Any household can fall ill: each year a healthy household's capacity falls to a share
  ``κ`` with probability ``p_ill`` and an ill one recovers with probability ``p_rec`` (keyed
  draws per household and year, so policies do not shift them).
- **Status.** In the base year a household is low-income when its assessed income per member
  (below) is under the line; after it, when its income per member last year, without the
  allowance, was below the line ``ℓ_t`` (``line multiple × 低保 standard``,
  both indexed with transfers); it leaves when that income passes ``ℓ_t (1 + exit margin)``
  (a gradual exit, 渐退).
- **Allowance.** A low-income household receives, for every member, the gap between its
  assessed income per member (this year's expected earnings and pensions) and the 低保
  standard ``s_t``, and a share ``ρ`` of the gap between the standard and the line (support for
  households on the margin, 低保边缘): ``a = m · (max(s − y, 0) + ρ · max(ℓ − max(y, s), 0))``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .base import growth
from .labour import expected_earnings

if TYPE_CHECKING:
    from ..model import ClusterModel


def standard_yuan_year(model: ClusterModel) -> float:
    """The 低保 standard per person a year, indexed with transfers."""
    e = model.params["economy"]
    return e["low_income_allowance_yuan_month"] * 12 * growth(model, "economy.transfer_growth")


def pension_yuan_year(model: ClusterModel) -> np.ndarray:
    h, e = model.households, model.params["economy"]
    monthly = np.where(h.basic_pension, e["basic_pension_yuan_month"], e["pension_yuan_month"])
    return h.elderly * monthly * 12 * growth(model, "economy.transfer_growth")


def health(model: ClusterModel) -> None:
    """This year's illness and recovery; capacity follows."""
    h, e = model.households, model.params["economy"]
    ids = np.arange(h.n)
    u = model.streams.uniform("household.health", ids, model.year_index)
    fall_ill = ~h.ill & (u < e["illness_rate"])
    recover = h.ill & (u < e["recovery_rate"])
    h.ill = (h.ill | fall_ill) & ~recover
    h.workers = np.where(h.ill, h.healthy_workers * e["illness_capacity"], h.healthy_workers).astype(np.float32)


def update_status(model: ClusterModel) -> None:
    """Enter or leave low-income status on last year's income without the allowance."""
    if model.year_index == 0:
        return
    h, e = model.households, model.params["economy"]
    line = line_yuan_year(model)
    allowance = h.allowance_received_last
    per_member = (h.income_total - allowance) / np.maximum(h.members, 1)
    stay = per_member < line * (1 + e["low_income_exit_margin"])
    enter = per_member < line
    h.low_income = np.where(h.low_income, stay, enter)


def assessed_per_member(model: ClusterModel, idx: np.ndarray | None = None) -> np.ndarray:
    """Each household's (or only ``idx``'s) assessed income per member this year: expected
    earnings and pensions."""
    at = slice(None) if idx is None else idx
    members = np.maximum(model.households.members[at], 1)
    return (expected_earnings(model, idx) + pension_yuan_year(model)[at]) / members


def line_yuan_year(model: ClusterModel) -> float:
    """The low-income line per person a year: a multiple of the 低保 standard."""
    return model.params["economy"]["low_income_line_multiple"] * standard_yuan_year(model)


def margin_gap(model: ClusterModel, assessed: np.ndarray) -> np.ndarray:
    """Per member: how far assessed income (or the standard, if higher) falls short of the line."""
    return np.maximum(line_yuan_year(model) - np.maximum(assessed, standard_yuan_year(model)), 0.0)


def set_allowances(model: ClusterModel) -> None:
    """After the job choice and policies' hires: the year's allowance for every low-income
    household."""
    h = model.households
    assessed = assessed_per_member(model)
    e = model.params["economy"]
    if model.year_index == 0:  # the base year's status: assessed income below the line
        h.low_income = assessed < line_yuan_year(model)
    gap = (np.maximum(standard_yuan_year(model) - assessed, 0.0)
           + e["low_income_margin_support_share"] * margin_gap(model, assessed))
    h.allowance_yuan_year = np.where(h.low_income, gap * h.members, 0.0)
