"""Seed the main-indicator catalog and one reporting unit per region (province, cities, counties)."""

from django.db import migrations

from guatu.indicators.catalog import MAIN_INDICATORS


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    ReportingUnit = apps.get_model("indicators", "ReportingUnit")
    Region = apps.get_model("core", "Region")
    for order, (code, name, unit, kind, rank_by, frequency, real, measure) in enumerate(MAIN_INDICATORS):
        Indicator.objects.get_or_create(code=code, defaults={
            "name": name, "unit": unit, "kind": kind, "rank_by": rank_by, "frequency": frequency,
            "real_growth": real, "project_measure": measure, "sort_order": order})
    units = {}
    for region in Region.objects.order_by("path"):
        parent = units.get(region.parent_id)
        unit, _ = ReportingUnit.objects.get_or_create(code=region.code, defaults={
            "name": region.name, "kind": "region", "region": region, "parent": parent,
            "path": (parent.path if parent else "") + region.code + "/"})
        units[region.pk] = unit


def unseed(apps, schema_editor):
    apps.get_model("indicators", "ReportingUnit").objects.filter(kind="region").order_by("-path").delete()
    apps.get_model("indicators", "Indicator").objects.filter(code__in=[i[0] for i in MAIN_INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("core", "0002_load_zhejiang_regions")]
    operations = [migrations.RunPython(seed, unseed)]
