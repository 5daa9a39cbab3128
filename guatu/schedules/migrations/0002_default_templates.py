"""Seed the default milestone templates and the default warning policy (editable in the admin)."""

from django.db import migrations

from guatu.schedules.defaults import TEMPLATES


def seed(apps, schema_editor):
    MilestoneTemplate = apps.get_model("schedules", "MilestoneTemplate")
    TemplateStep = apps.get_model("schedules", "TemplateStep")
    WarningPolicy = apps.get_model("schedules", "WarningPolicy")
    for code, name, category, steps in TEMPLATES:
        template, _ = MilestoneTemplate.objects.get_or_create(code=code, defaults={"name": name, "category": category})
        for order, (key, step_name, duration, predecessors) in enumerate(steps):
            TemplateStep.objects.get_or_create(template=template, key=key, defaults={
                "name": step_name, "order": order, "duration_days": duration, "predecessors": predecessors})
    if not WarningPolicy.objects.filter(region__isnull=True).exists():
        WarningPolicy.objects.create()


def unseed(apps, schema_editor):
    apps.get_model("schedules", "MilestoneTemplate").objects.filter(code__in=[t[0] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("schedules", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
