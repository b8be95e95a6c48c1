"""Synthetic counties and provinces of any size, as scenario dicts for ``ClusterModel``.

Villages scale with households (Zhejiang: about 1,000,000 rural households in the ~3,500
villages of this benchmark's province, i.e. ~285 a village) and clusters with villages (a key
village and ``cluster_size`` surrounding villages each, ~1 cluster per 7 villages, so a
province has ~500 clusters and a sixth of its villages stay outside any cluster). The rest of
the heterogeneity — lognormal village sizes, one latent "strength" behind every collective
asset, scenic and industrial endowments, enterprises seeded from collective building space
(about one tenant firm per 2,000 m²) — is drawn by ``cluster_sim.scenario.generator`` from
the ``[county]`` medians, exactly as for a hand-written scenario file.

``make_county(households=1_000_000)`` is what ``scenarios/synthetic_province.toml`` writes
out (with every policy on); ``python benchmarks/synthetic.py 100000`` prints the county table.
"""

from __future__ import annotations

import math
import sys

HOUSEHOLDS_PER_VILLAGE = 1_000_000 / 3_500   # ≈ 285.7
VILLAGES_PER_CLUSTER = 7                      # so ~500 clusters at 3,500 villages
CLUSTER_SIZE = 5                              # surrounding villages of a generated cluster
PINGHU_VILLAGES, PINGHU_AREA_KM = 77, 36.0    # village density of the embedded Pinghu county


def county_shape(households: int, villages: int | None = None, clusters: int | None = None,
                 cluster_size: int = CLUSTER_SIZE) -> dict:
    """Villages, generated clusters and their size, and the side of the square they lie in."""
    households = int(households)
    if villages is None:
        villages = max(1, round(households / HOUSEHOLDS_PER_VILLAGE))
    villages = min(int(villages), households)
    cluster_size = max(0, min(int(cluster_size), villages - 1))
    if clusters is None:
        clusters = round(villages / VILLAGES_PER_CLUSTER)
    clusters = max(0, min(int(clusters), villages // (1 + cluster_size)))
    # keep Pinghu's village density, so distances (and who can commute) look like a county's
    area_km = round(max(5.0, PINGHU_AREA_KM * math.sqrt(villages / PINGHU_VILLAGES)), 1)
    return {"villages": villages, "households": households, "auto_clusters": clusters,
            "auto_cluster_size": cluster_size, "area_km": area_km}


def make_county(households: int, villages: int | None = None, clusters: int | None = None,
                cluster_size: int = CLUSTER_SIZE, *, name: str = "合成省", years: int = 10,
                layout_seed: int = 2024, policies: str | list[str] | None = "all",
                partner_villages: int = 0, **county_fields) -> dict:
    """A scenario dict for a synthetic county or province of ``households`` households.

    ``villages`` defaults to households / 285.7, ``clusters`` to villages / 7; ``policies`` is
    ``"all"`` (every policy in ``cluster_sim.policies.registry()`` switched on), a list of
    names, or None; ``county_fields`` are other ``[county]`` keys (e.g. ``building_m2_median``,
    which sets how many enterprises the villages host).
    """
    county = {"name": name, "layout_seed": int(layout_seed),
              **county_shape(households, villages, clusters, cluster_size), **county_fields}
    if partner_villages:
        county["partner"] = {"name": "结对县", "villages": int(partner_villages)}
    scenario = {
        "meta": {"name": f"synthetic_{households}", "title_zh": f"合成县域（{households:,} 户）",
                 "title_en": f"Synthetic county ({households:,} households)"},
        "simulation": {"years": int(years)},
        "county": county,
    }
    names = policy_names(policies)
    if names:
        scenario["policies"] = {n: {"enabled": True} for n in names}
    return scenario


def policy_names(policies: str | list[str] | None) -> list[str]:
    if policies is None:
        return []
    if policies == "all":
        from cluster_sim.policies import registry
        return sorted(registry())
    return list(policies)


if __name__ == "__main__":
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    print(make_county(n)["county"])
