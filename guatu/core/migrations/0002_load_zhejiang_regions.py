"""Load Zhejiang's real divisions (province, 11 cities, 90 counties); see core/data/SOURCE.md."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "zhejiang_divisions.csv"
LEVELS = {"province": "province", "prefecture": "city", "county": "county"}


def load(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    by_code = {}
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):  # parents come before children in the file
            parent = by_code.get(row["parent_code6"]) if row["parent_code6"] else None
            path = (parent.path if parent else "") + row["code6"] + "/"
            region, _ = Region.objects.update_or_create(
                code=row["code6"],
                defaults={"name": row["name"], "level": LEVELS[row["level"]], "parent": parent, "path": path},
            )
            by_code[region.code] = region


def unload(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    Region.objects.filter(path__startswith="330000/").order_by("-path").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
