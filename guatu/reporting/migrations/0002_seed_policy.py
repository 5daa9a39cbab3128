from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    """The city's policy starts at the common practice: due on the 5th of the next month; 80%."""
    apps.get_model("reporting", "ReportingPolicy").objects.get_or_create(
        pk=1, defaults={"deadline_day": 5, "reported_share_pct": Decimal(80)}
    )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
