"""The words for each choice value a scenario may hold (targeting rules, return rules,
guarantors, pairing rules, ...), in Chinese and English: one table that the dashboard, the
report and the classroom read, so a choice is named the same everywhere."""

from __future__ import annotations

CHOICE_WORDS: dict[str, tuple[str, str]] = {
    "all": ("全部村", "all villages"), "weak": ("薄弱村", "weak villages"), "strong": ("强村", "strong villages"),
    "key": ("重点村", "key villages"), "surrounding": ("片区周边村", "surrounding villages"),
    "clustered": ("入片区的村", "villages in clusters"), "named": ("指定村庄", "named villages"),
    "partner": ("结对山区村", "partner villages"), "low_income": ("低收入农户", "low-income households"),
    "fixed": ("固定回报", "fixed return"), "actual_after_guarantee": ("保底期后按实际租金", "actual rent after guarantee"),
    "equal": ("平均分配", "equal shares"), "by_households": ("按户数", "by households"),
    "inverse_income": ("收入越低得越多", "more to the poorer"),
    "operator": ("运营企业", "the operator"), "government": ("政府", "the government"), "none": ("无人兜底", "nobody"),
    "observed": ("按观测比例校准", "fitted to observed shares"), "income": ("收入最大化", "income-maximising"),
    # pairing's rules
    "cluster_key": ("片区重点村带本片区村", "key village leads its cluster"),
    "alliance": ("强村联盟（最强带最弱）", "alliance of the strongest villages"),
    "explicit": ("指定结对", "pairs as listed"),
    # how clusters are drawn (county.cluster_formation)
    "designated": ("按规划名单（平湖8个片区）", "as designated (Pinghu's eight)"),
    "formed": ("各村自愿组团（按收益）", "formed by the villages (by their gain)"),
    "regionalised": ("紧凑同质分区（道路相连、禀赋相近）", "compact regions of similar, road-linked villages"),
}
