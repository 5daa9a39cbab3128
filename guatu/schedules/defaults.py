"""The default milestone templates (an administrator edits them afterwards).

Durations are the work leading up to each milestone, in calendar days; predecessors are
finish-to-start with an optional lag ("land+15").
"""

INDUSTRIAL = [
    # key, name, duration, predecessors
    ("sign", "签约", 0, ""),
    ("land", "供地", 90, "sign"),
    ("start", "开工", 60, "land"),
    ("structure", "土建完成(主体结顶)", 300, "start"),
    ("equipment", "设备安装", 120, "structure"),
    ("trial", "试生产", 60, "equipment"),
    ("production", "投产", 30, "trial"),
]

INFRASTRUCTURE = [
    ("approval", "立项", 0, ""),
    ("feasibility", "可研批复", 60, "approval"),
    ("design", "初步设计", 90, "feasibility"),
    ("tender", "招标", 45, "design"),
    ("start", "开工", 30, "tender"),
    ("main", "主体完工", 365, "start"),
    ("acceptance", "竣工验收", 60, "main"),
]

TEMPLATES = [
    ("industrial", "产业项目标准节点", "industrial", INDUSTRIAL),
    ("infrastructure", "基础设施项目标准节点", "infrastructure", INFRASTRUCTURE),
    ("social", "社会民生项目标准节点", "social", INFRASTRUCTURE),
]
