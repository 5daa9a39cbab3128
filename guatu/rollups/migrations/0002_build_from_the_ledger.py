"""Build the rollup rows of a database that already holds a ledger."""

from django.db import migrations


def build(apps, schema_editor):
    from guatu.rollups.facts import rebuild

    rebuild(groups=False)  # the groups come with their table (0004)


class Migration(migrations.Migration):
    dependencies = [("rollups", "0001_initial"), ("projects", "0004_report_workflow")]
    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
