"""Low-income households: partial capacity, a status that follows income, an indexed allowance."""

from cluster_sim.economy.low_income import standard_yuan_year
from cluster_sim.model import ClusterModel


def test_registered_poor_have_partial_capacity_not_none():
    """Every registered-poor household with members of working age has some labour capacity,
    less than a full worker per such member (the first model gave 97 % of them none)."""
    h = ClusterModel(seed=1).households
    reg = h.registered_low_income
    working_age_members = h.members - h.elderly  # children live with a working-age parent
    has_working_age = reg & (working_age_members > 0)
    assert (h.healthy_workers[has_working_age] > 0).all()
    capacity = h.healthy_workers[has_working_age] / working_age_members[has_working_age]
    assert 0.3 < capacity.mean() < 0.9
    assert (h.healthy_workers[reg & ~has_working_age] == 0).all()


def test_households_enter_and_leave_the_status():
    m = ClusterModel(seed=3)
    before = m.households.low_income.copy()
    m.run(years=4)
    after = m.households.low_income
    assert (after & ~before).sum() > 10  # entered (illness, falling income)
    assert (before & ~after).sum() > 10  # left (recovery, rising income)


def test_allowance_fills_the_gap_to_the_standard_and_follows_it():
    m = ClusterModel(seed=1)
    h = m.households
    low = h.low_income
    assert (h.allowance_yuan_year[~low] == 0).all()
    assert (h.allowance_yuan_year[low] > 0).mean() > 0.5
    higher = ClusterModel(seed=1, **{"economy.low_income_allowance_yuan_month": 1400.0})
    assert higher.households.allowance_yuan_year.sum() > h.allowance_yuan_year.sum() * 1.2
    assert standard_yuan_year(higher) > standard_yuan_year(m)


def test_low_income_income_grows_with_wages_not_only_transfers(small_scenario):
    """The registered poor earn in the labour market: faster wage growth lifts their wages."""
    slow = ClusterModel(str(small_scenario), seed=1, **{"economy.wage_growth": 0.0}).run(years=4)
    fast = ClusterModel(str(small_scenario), seed=1, **{"economy.wage_growth": 0.08}).run(years=4)
    reg = slow.households.registered_low_income
    assert fast.households.income_by_source["wages"][reg].sum() > 1.2 * slow.households.income_by_source["wages"][reg].sum()
