"""The State Council's accident thresholds (国务院令第493号, 2007) and the default threat rules, as data."""

from decimal import Decimal

from django.db import migrations

# (class, rank, deaths from, serious injuries from, direct loss from in 万元) — 以上含本数.
THRESHOLDS = [
    ("general", 1, 0, 0, Decimal("0")),
    ("larger", 2, 3, 10, Decimal("1000")),
    ("major", 3, 10, 50, Decimal("5000")),
    ("especially_major", 4, 30, 100, Decimal("10000")),
]
# (code, name, effect, kind, accident class at least, hazard grade, order)
RULES = [
    ("larger-accident", "发生较大及以上生产安全事故(一票否决)", "veto", "accident", "larger", "", 1),
    ("overdue-major-hazard", "重大事故隐患逾期未整改", "warning", "overdue_hazard", "", "major", 2),
]


def seed(apps, schema_editor):
    Threshold = apps.get_model("safety", "AccidentThreshold")
    Rule = apps.get_model("safety", "ThreatRule")
    for accident_class, rank, deaths, injuries, loss in THRESHOLDS:
        Threshold.objects.get_or_create(accident_class=accident_class, defaults={
            "rank": rank, "deaths": deaths, "serious_injuries": injuries, "direct_loss": loss})
    for code, name, effect, kind, accident_class, grade, order in RULES:
        Rule.objects.get_or_create(code=code, defaults={
            "name": name, "effect": effect, "kind": kind, "accident_class": accident_class, "hazard_grade": grade,
            "order": order})


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
