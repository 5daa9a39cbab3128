"""The Quzhou demo's reference data and the projects the article names.

Platform codes, industries, departments and lists are the demo's own; the six county codes are
the real GB/T 2260 codes. The named projects' facts are the article's; their per-project
investment split is illustrative — only the list totals are the article's.
"""

from __future__ import annotations

import datetime as dt

CITY = "330800"
COUNTIES = {
    "330802": "柯城区",
    "330803": "衢江区",
    "330822": "常山县",
    "330824": "开化县",
    "330825": "龙游县",
    "330881": "江山市",
}
HOME_PLATFORM = "ZZXC"

# (code, name, parent code, region code)
PLATFORMS = [
    ("ZZXC", "衢州智造新城", None, CITY),
    ("ZZXC-GX", "高新片区", "ZZXC", "330802"),
    ("ZZXC-DG", "东港片区", "ZZXC", "330803"),
    ("JSKFQ", "江山经济开发区", None, "330881"),
    ("LYKFQ", "龙游经济开发区", None, "330825"),
    ("CSKFQ", "常山经济开发区", None, "330822"),
    ("KHKFQ", "开化经济开发区", None, "330824"),
]

# (code, name, flagship). Flagship = the city's six 标志性产业链 (新材料 — here as 氟硅/锂电/电子化学 —,
# 新能源, 集成电路, 高端装备, 生命健康, 特种纸); the fund cluster's flagship share reads this flag.
INDUSTRIES = [
    ("FSXCL", "氟硅新材料", True),
    ("LDCL", "锂电材料", True),
    ("DZHXCL", "电子化学材料", True),
    ("TZZ", "特种纸", True),
    ("XNY", "新能源", True),
    ("JCDL", "集成电路", True),
    ("GDZB", "高端装备", True),
    ("XDFW", "现代服务业", False),
    ("JCSS", "基础设施", False),
    ("SHMS", "社会民生", False),
    ("SMJK", "生命健康", True),
]

# (code, name, region code)
DEPARTMENTS = [
    ("QZ-FGW", "市发展和改革委员会", CITY),
    ("QZ-JXJ", "市经济和信息化局", CITY),
    ("QZ-ZZXC", "衢州智造新城管委会", CITY),
    ("QZ-JTJ", "市交通运输局", CITY),
    ("QZ-ZJJ", "市住房和城乡建设局", CITY),
    *[(f"{code}-FGJ", f"{name}发展和改革局", code) for code, name in COUNTIES.items()],
]

# (code, name, level, keeping region, order)
LISTS = [
    ("QXWY", '省"千项万亿"工程项目', "province", "330000", 1),
    ("JZKG", "省集中开工项目", "province", "330000", 2),
    ("SZD", "市重点项目", "city", CITY, 3),
    *[(f"XZD-{code}", f"{name}重点项目", "county", code, 10 + i) for i, (code, name) in enumerate(COUNTIES.items())],
]

# The article's figures for 衢州智造新城, January–November 2024 (万元).
YEAR, THROUGH = 2024, 11
TARGETS = {
    "QXWY": {"projects": 12, "ytd": 2_305_000, "plan": 1_620_000},  # 230.5亿元, 142.3%
    "JZKG": {"projects": 5, "ytd": 572_000, "plan": 332_750, "total": 1_457_300},  # 145.73亿元, 57.2亿元, 171.9%
    "SZD": {"projects": 113, "ytd": 2_761_000, "plan": 2_487_400},  # 276.1亿元, 111.0%
}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# The projects the article names. `prior` is what was invested before 2024; plan/ytd are 2024.
NAMED = [
    {
        "key": "zhenghe",
        "lists": ["SZD"],
        "platform": "ZZXC-GX",
        "industry": "FSXCL",
        "department": "QZ-JXJ",
        "name": "浙江正和硅材料有限公司有机硅功能材料项目",
        "owner": "浙江正和硅材料有限公司",
        "total": 35_600,
        "prior": 15_000,
        "plan": 12_000,
        "ytd": 13_500,
        "actual_start": d("2023-08-01"),
        "planned_completion": d("2024-12-31"),
        "stage": "construction",
        "description": (
            "项目总投资超3.5亿元,2023年8月开工建设,2024年6月完成土建,正在进行设备调试,计划2024年底全面投产。"
        ),
    },
    {
        "key": "tuoxi",
        "lists": ["QXWY"],
        "platform": "ZZXC-GX",
        "industry": "DZHXCL",
        "department": "QZ-ZZXC",
        "name": "浙江拓烯光学新材料有限公司二期项目",
        "owner": "浙江拓烯光学新材料有限公司",
        "total": 600_000,
        "prior": 100_000,
        "plan": 150_000,
        "ytd": 200_000,
        "actual_start": d("2023-06-01"),
        "planned_completion": d("2025-12-31"),
        "stage": "construction",
        "description": "已完成整体工程量的50%,预计2025年上半年进入设备安装阶段,下半年投入生产。",
    },
    {
        "key": "xiandao",
        "lists": ["QXWY"],
        "platform": "ZZXC-DG",
        "industry": "JCDL",
        "department": "QZ-ZZXC",
        "name": "先导集成电路东港片区基地项目",
        "owner": "先导集成电路材料(衢州)有限公司",
        "total": 500_000,
        "prior": 300_000,
        "plan": 120_000,
        "ytd": 150_000,
        "actual_start": d("2022-10-01"),
        "planned_completion": d("2024-06-30"),
        "actual_completion": d("2024-06-30"),
        "stage": "production",
        "description": "先导集成电路2个基地之一,东港片区项目已投产。",
    },
    {
        "key": "penghui",
        "lists": ["QXWY"],
        "platform": "ZZXC-DG",
        "industry": "XNY",
        "department": "QZ-ZZXC",
        "name": "鹏辉能源二期年产36GWh储能电池生产项目",
        "owner": "浙江鹏辉能源科技有限公司",
        "total": 1_000_000,
        "prior": 200_000,
        "plan": 250_000,
        "ytd": 380_000,
        "actual_start": d("2023-03-01"),
        "planned_completion": d("2025-12-31"),
        "stage": "construction",
        "description": "二期年产36GWh储能电池,其中6GWh已投产。",
    },
    {
        "key": "chuangrou",
        "lists": ["QXWY"],
        "platform": "ZZXC-GX",
        "industry": "DZHXCL",
        "department": "QZ-ZZXC",
        "name": "衢州创柔超薄柔性玻璃(UTG)项目",
        "owner": "衢州创柔新材料有限公司",
        "total": 1_000_000,
        "prior": 150_000,
        "plan": 200_000,
        "ytd": 300_000,
        "actual_start": d("2023-05-01"),
        "planned_completion": d("2025-06-30"),
        "stage": "construction",
        "description": "百亿级项目,超薄柔性玻璃生产线成功点火。",
    },
    {
        "key": "jidian",
        "lists": ["QXWY"],
        "platform": "ZZXC-DG",
        "industry": "XNY",
        "department": "QZ-JXJ",
        "name": "衢州吉利三电系列项目(极电智能制造工厂)",
        "owner": "衢州极电新能源科技有限公司",
        "total": 1_200_000,
        "prior": 600_000,
        "plan": 180_000,
        "ytd": 260_000,
        "actual_start": d("2021-12-01"),
        "planned_completion": d("2025-12-31"),
        "stage": "construction",
        "description": "全省首家智能制造四级成熟度工厂;2024年1至9月两公司总产值超百亿元。",
    },
    {
        "key": "huayou",
        "lists": ["QXWY"],
        "platform": "ZZXC-GX",
        "industry": "LDCL",
        "department": "QZ-JXJ",
        "name": "华友衢州产业园锂电材料项目",
        "owner": "华友新能源科技(衢州)有限公司",
        "total": 800_000,
        "prior": 400_000,
        "plan": 150_000,
        "ytd": 180_000,
        "actual_start": d("2022-01-01"),
        "planned_completion": d("2025-12-31"),
        "stage": "construction",
        "description": "华友衢州产业园。",
    },
    {
        "key": "wuji",
        "lists": ["JZKG", "SZD"],
        "platform": "ZZXC-GX",
        "industry": "DZHXCL",
        "department": "QZ-FGW",
        "name": "年产15万吨高端无机精细化学品项目",
        "owner": "中国化学工程第七建设有限公司",
        "total": 250_000,
        "prior": 0,
        "plan": 60_000,
        "ytd": 95_000,
        "actual_start": d("2024-04-15"),
        "planned_completion": d("2026-06-30"),
        "stage": "construction",
        "batch": "第二批",
        "description": "总投资25亿元,“国字号”央企直接投资衢州制造业的首个项目;衢州资源化工创新研究院以技术入股。",
    },
]

# Words the generated members are named from (illustrative).
COMPANY_WORDS = [
    "华晟",
    "恒锐",
    "嘉远",
    "凯信",
    "瑞丰",
    "博源",
    "中科",
    "宏泰",
    "鼎盛",
    "天衢",
    "金凯",
    "万润",
    "立信",
    "永和",
    "新安",
    "正泰",
    "东方",
    "衢峰",
    "星辰",
    "汇通",
    "昌盛",
    "聚能",
    "锦华",
    "明远",
]
PRODUCTS = {
    "FSXCL": ["含氟精细化学品", "有机硅单体", "氟化工新材料", "高性能氟树脂"],
    "LDCL": ["锂电池正极材料", "电解液", "隔膜", "三元前驱体"],
    "DZHXCL": ["电子级湿化学品", "电子特气", "光刻胶配套试剂", "高纯化学品"],
    "TZZ": ["特种纸", "高档装饰原纸", "食品级包装纸", "医疗用纸"],
    "XNY": ["光伏组件", "储能电池", "氢能装备", "风电零部件"],
    "JCDL": ["半导体材料", "芯片封装测试", "高纯靶材", "功率器件"],
    "GDZB": ["智能装备", "精密轴承", "汽车零部件", "数控机床"],
}
INFRA_NAMES = ["道路提升改造工程", "污水处理厂扩建工程", "综合管廊工程", "标准厂房建设项目", "供热管网工程"]
