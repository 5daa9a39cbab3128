"""The platform types Zhejiang's cities evaluate; editable in the admin afterwards."""

from django.db import migrations

TYPES = [
    ("TIC", "省技术创新中心", "浙江省认定的技术创新中心", 1),
    ("IRI", "产业创新研究院", "地方与高校、院士团队共建的产业创新研究院", 2),
    ("NRI", "新型研发机构", "省级及以上认定的新型研发机构", 3),
    ("KL", "重点实验室", "全国重点实验室、省重点实验室", 4),
    ("ERI", "企业研究院", "省级企业研究院、高新技术企业研发中心", 5),
]


def seed(apps, schema_editor):
    PlatformType = apps.get_model("innovation", "PlatformType")
    for code, name, description, order in TYPES:
        PlatformType.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("innovation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
