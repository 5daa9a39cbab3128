"""The seeded catalog of main indicators (editable in the admin).

(code, name, unit, kind, rank by, frequency, real growth, project measure)
"""

MAIN_INDICATORS = [
    ("GDP", "地区生产总值", "亿元", "amount", "growth", "quarterly", True, ""),
    ("IVA", "规上工业增加值", "亿元", "amount", "growth", "monthly", True, ""),
    ("FAI", "固定资产投资", "亿元", "amount", "growth", "monthly", False, "all"),
    ("IND_INV", "工业投资", "亿元", "amount", "growth", "monthly", False, "industrial"),
    ("MFG_INV", "制造业投资", "亿元", "amount", "growth", "monthly", False, "industrial"),
    ("RETAIL", "社会消费品零售总额", "亿元", "amount", "growth", "monthly", False, ""),
    ("FISCAL", "一般公共预算收入", "亿元", "amount", "growth", "monthly", False, ""),
    ("EXPORT", "出口", "亿元", "amount", "growth", "monthly", False, ""),
    ("INCOME", "城乡居民人均可支配收入", "元", "amount", "growth", "quarterly", False, ""),
]
