"""The economy, one module per market or actor; ``model.py`` lists the order they act in.

- ``labour``: workers' job choice and local wages
- ``land``: leasing contracted land to agricultural operators, land rent
- ``enterprises``: sales, rents to collectives, inputs, failure, payouts, entry
- ``credit``: the enterprises' bank credit line, and the settlement of failed enterprises
- ``household_income``: income from outside employers, business, transfers
- ``collective``: collectives' transfers, spending, dividends, debt, accounts
- ``collective_investment``: the collectives' reserve, investment of surplus, returns, borrowing
- ``setup``: the county's initial enterprises; ``base``: what they share

Everything is whole-array arithmetic; every payment is a ledger posting. Policies add to this
through their hooks, never by editing it.
"""

from .base import HouseholdBases, growth, pooled_jobs, village_cash_now
from .collective import operating_income_so_far
from .setup import setup

__all__ = ["HouseholdBases", "growth", "operating_income_so_far", "pooled_jobs", "setup",
           "village_cash_now"]
