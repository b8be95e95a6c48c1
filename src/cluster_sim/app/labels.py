"""Chinese labels and one-line explanations of policy fields, by field name.

The policy modules document their fields in English (``Field.doc``); a policy module may
carry its own ``LABELS_ZH = {field: (label, explanation)}``, which wins over this table.
A field missing from both shows its English name and doc, and ``tests/app`` lists it.
"""

from __future__ import annotations

# One whole paragraph per package for the Chinese page (the English page shows the first
# paragraph of the package's docstring).
POLICY_SUMMARY_ZH: dict[str, str] = {
    "pairing": "强村与弱村结对：联建项目按约定分红，带头村的经验外溢、共用片区品牌（一片一IP）、"
               "弱村劳动力到强村企业就业，还可成立由成员村共同持股的片区强村公司；各村资产和账目不变。",
    "tourism": "文旅融合：投资提升景观村的吸引力，上海、嘉兴、杭州的游客按距离远近前来，沿片区线路串游，"
               "在门票、餐饮、住宿和农产品上的消费进入村集体和农户（农家乐、就业）。",
    "flying_land": "飞地抱团：薄弱村把资金（加上财政补助）合投到工业园区的厂房，租金收入先按保底回报分给各村，"
                   "保底期后按固定回报或实际租金分配。",
    "common_prosperity": "共富项目（共富大棚、共富工坊）：财政补助加村集体资金、企业运营、统一销售；"
                         "村集体和低收入农户持股，拿保底分红，农户还可在项目上务工；项目也可能经营不佳。",
    "credit": "金融与财政支持：按规则分配额外财政补助，并向村集体发放共富贷款用于建设可出租物业，"
              "用村集体现金还本付息；守住负债率红线。",
    "land_consolidation": "全域土地综合整治：工程新增耕地、把零碎地块整成大田，土地流转租金和亩均产出随之提高，"
                          "新增耕地作为集体土地出租。",
}

POLICY_FIELDS_ZH: dict[str, tuple[str, str]] = {
    # common to every package (labels in i18n.COMMON_LABELS)
    "enabled": ("", "打开后该政策从“开始年”起生效"),
    "start_year": ("", "0 = 基准年起；1 = 模拟第 1 年起"),
    "end_year": ("", "政策最后一年；0 表示一直实施"),
    "budget_yuan": ("", "该政策可花的财政资金总额；留空 = 不限额，0 = 不花钱"),
    "target": ("", "政策覆盖哪些村（弱者优先）"),
    "villages": ("", "对象为“指定村庄”时选择的村"),
    "max_villages": ("", "最多覆盖的村数，按经营性收入从低到高选；留空 = 不限，0 = 一个也不覆盖"),
    # pairing 强村带弱村
    "rule": ("结对规则", "谁带谁：片区重点村带本片区村 / 强村联盟（最强带最弱）/ 指定结对"),
    "pairs": ("指定结对", "结对规则为“指定结对”时，每行写一对“强村:弱村”"),
    "alliance_size": ("强村联盟规模", "联盟中最强村的个数（平湖为 16 个）"),
    "spillover_rate": ("经验外溢速度", "每年缩小与带头村治理水平差距的比例"),
    "productivity_per_governance": ("治理提升带来的生产率", "被带村治理每提高一个单位，其企业生产率提高多少"),
    "joint_project_yuan": ("每对联建项目资金", "每对结对村共建项目的资本"),
    "leader_capital_share": ("强村出资比例", "联建项目资本中带头村出的比例"),
    "led_profit_share": ("弱村分成比例", "联建项目利润分给被带村的比例"),
    "project_yield": ("项目产能率", "每元项目资本每年可供销售的产值"),
    "joint_market_yuan_person": ("片区联建产品市场（每人）", "片区每位居民每年对联建项目产品的需求"),
    "governance_full": ("满负荷所需治理水平", "结对双方平均治理能力达到此值时项目满负荷运营"),
    "project_cost_share": ("项目成本比例", "项目成本占营收的比例"),
    "project_sd": ("项目经营波动", "项目业绩逐年的随机波动"),
    "project_fixed_cost_share": ("项目固定成本比例", "联建项目每年的固定成本（维护、人员）占项目资本的比例"),
    "close_after_loss_years": ("连续亏损几年关停", "项目连续亏损达到这个年数就关停，欠款由债权人核销"),
    "brand_uplift": ("片区品牌增收", "共用片区品牌（一片一IP）带来的文旅和农业销售增幅"),
    "share_jobs": ("共享就业岗位", "被带村的劳动力可通勤到带头村企业就业（进入带头村劳动力市场）"),
    "cluster_company": ("成立片区强村公司", "由成员村共同持股的片区公司"),
    "company_capital_yuan": ("片区公司资本", "每个片区公司的资本金"),
    "company_yield": ("片区公司营收率", "片区公司每元资本每年的营收"),
    # tourism 文旅融合
    "min_scenic": ("最低景观禀赋", "景观禀赋（0–1）低于此值的村不做文旅提升"),
    "attractiveness_per_10m_yuan": ("每千万元投资的吸引力提升", "每投入一千万元，村庄吸引力的相对提高"),
    "route_share": ("串线游客比例", "游客沿片区线路继续去其他村的比例"),
    "events_per_year": ("每年节庆月数", "如樱花节等节庆活动的月份数"),
    "event_boost": ("节庆吸引力增幅", "节庆月份受资助村吸引力的相对提高"),
    # flying land 飞地抱团
    "investment_per_village_yuan": ("每村投资", "每个对象村的投资（飞地：入股园区的资本；文旅：提升改造投资）"),
    "subsidy_share": ("财政补助比例", "入股资金中由政策预算补助的比例"),
    "return_rate": ("包租固定回报率", "合同：东部县保底期内每年按入股资金保证的回报"),
    "guarantee_years": ("保底年限", "东部县（园区所在地）兜底固定回报的年数；期满后按园区实际租金收益分配"),
    "park_rent_yuan_m2_year": ("园区厂房市场租金", "园区所在县标准厂房的市场租金（元/平方米/年，基年）"),
    "tenant_demand": ("入驻企业需求", "每个空置单元每年前来求租的企业数（园区所在县对厂房的需求）"),
    "rent_elasticity": ("租金弹性", "企业求租对要价租金的敏感程度"),
    "vacancy_discount": ("空置降价幅度", "园区空置率每高一个单位，要价租金低于市场的幅度"),
    "lease_years": ("租期", "租约年限；续租时按当时要价重新议定租金"),
    "unit_m2": ("单元面积", "每家入驻企业租用的厂房面积"),
    "tenant_revenue_yuan_m2_year": ("入驻企业亩产（每平方米销售额）", "入驻企业每平方米厂房每年的销售额（基年）"),
    "tenant_cost_share": ("入驻企业变动成本比例", "入驻企业原料等变动成本占销售额的比例"),
    "tenant_fixed_cost_share": ("入驻企业固定成本比例", "入驻企业工资、管理等固定成本占预期销售额的比例；付不起即关门"),
    "tenant_productivity_sd": ("入驻企业效率差异", "新入驻企业生产率的对数标准差"),
    "tenant_move_out_rate": ("企业迁出率", "入驻企业每年迁出园区的概率"),
    "eviction_months": ("欠租清退月数", "欠租超过这么多个月的企业被清退，欠租成为坏账"),
    "management_cost_share": ("园区管理费比例", "园区管理成本占实收租金的比例"),
    "maintenance_yuan_m2_year": ("厂房维护费", "每平方米厂房每年的维护费用（基年）"),
    "exit_threshold_operating_yuan": ("退出门槛", "村经营性收入超过此值即退出并收回本金；0 = 不退出"),
    "building_cost_yuan_m2": ("建设成本", "每平方米厂房或物业的建设成本"),
    # common prosperity 共富项目
    "investment_per_project_yuan": ("每个项目投资", "一个共富项目（如共富大棚、蔬菜岛）的总投资"),
    "collective_stake_share": ("村集体持股比例", "项目资本中村集体持有的比例"),
    "collective_own_share": ("村集体自筹比例", "集体股份中村集体用自有资金出的部分（其余为补助）"),
    "radiate_villages": ("辐射村数", "同片区中一起持股的其他村数"),
    "low_income_stake_yuan": ("每户低收入农户股金", "政策为每户低收入农户补助的股金"),
    "low_income_households": ("持股低收入农户数", "每个项目吸纳持股的低收入农户户数"),
    "guaranteed_dividend_rate": ("保底分红率", "股金每年的保底分红"),
    "second_dividend_share": ("二次分红比例", "超过保底部分的利润拿出来再分红的比例"),
    "revenue_yield": ("资本营收率", "每元资本每年带来的营收"),
    "input_share": ("中间投入比例", "营收中用于中间投入的比例"),
    "workers_per_million": ("每百万元岗位数", "每百万元投资提供的就业岗位"),
    "wage_yuan_month": ("项目工人月工资", "在项目上务工的农户月工资"),
    "elderly_capacity": ("老年成员的工坊产能", "超过劳动年龄的成员在家门口做计件活的产能（相对一个劳动力）"),
    "performance_sd": ("经营波动", "项目经营业绩逐年的随机波动"),
    "elderly_capacity": ("老年成员工坊劳动能力", "超过劳动年龄的成员在共富工坊可做的工作量（劳动力当量）"),
    "guarantor": ("保底分红由谁兜底", "利润不足保底分红时由谁补足：运营企业、政府或无人"),
    # credit 金融与财政支持
    "subsidy_yuan_year": ("每年额外补助", "每年发给对象村的额外财政补助总额"),
    "allocation": ("补助分配方式", "额外补助在对象村之间怎么分"),
    "loan_per_village_yuan": ("每村共富贷款", "每个对象村获得的共富贷（用于建物业）"),
    "enforce_debt_limit": ("守住负债红线", "贷款会让村突破负债率红线时不予发放"),
    "loan_years": ("贷款还款年限", "共富贷本金分几年等额偿还；年末现金不够还当年本金即为欠还"),
    "risk_pool_share": ("风险补偿资金池分担比例", "贷款违约核销时，财政风险补偿资金池替银行承担的损失比例"),
    # land consolidation 全域土地综合整治
    "new_farmland_mu": ("每村新增耕地", "整治后每村新增的耕地面积"),
    "cost_yuan_per_mu": ("每亩整治成本", "每新增一亩耕地的工程成本"),
    "build_years": ("工程年限", "整治工程完工前的年数"),
    "labour_saving": ("用工节省", "整治后连片大田每亩雇工的相对减少"),
    "yield_uplift": ("亩均产出提升", "整治后经营主体亩均产出的相对提高"),
}
