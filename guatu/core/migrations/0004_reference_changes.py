"""The reference tables' own counter (`DataVersion.reference_changes`, see guatu.core.watermarks): their
triggers now raise it with the data version's counter. Change records keep raising the counter alone."""

from django.db import migrations, models

REFERENCE_TABLES = (
    "core_region",
    "core_platform",
    "core_industry",
    "core_department",
    "projects_projectlist",
    "indicators_indicator",
    "indicators_reportingunit",
)
BOTH = "counter = counter + 1, reference_changes = reference_changes + 1"
COUNTER = "counter = counter + 1"


def _pg_function(name: str, sets: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE core_dataversion SET {sets} WHERE id = 1; RETURN NULL; END $$"
    )


def _drop(schema_editor) -> None:
    """SQLite: the reference tables' triggers go while core_dataversion is rebuilt (renaming the new table
    into place fails while a trigger names the missing one)."""
    vendor = schema_editor.connection.vendor
    for table in REFERENCE_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS guatu_data_version ON {table}")
        elif vendor == "sqlite":
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS guatu_data_version_{table}_{op}")


def _create(schema_editor, sets: str, function: str) -> None:
    vendor = schema_editor.connection.vendor
    for table in REFERENCE_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER guatu_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
        elif vendor == "sqlite":
            for op in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER guatu_data_version_{table}_{op.lower()} AFTER {op} ON {table} "
                    f"BEGIN UPDATE core_dataversion SET {sets} WHERE id = 1; END"
                )


def drop_counter_triggers(apps, schema_editor):
    _drop(schema_editor)


def create_counter_triggers(apps, schema_editor):
    _create(schema_editor, COUNTER, "guatu_data_version_bump")


def create_both_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_pg_function("guatu_reference_version_bump", BOTH))
    _create(schema_editor, BOTH, "guatu_reference_version_bump")


def drop_both_triggers(apps, schema_editor):
    _drop(schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS guatu_reference_version_bump()")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_data_version")]

    operations = [
        migrations.RunPython(drop_counter_triggers, create_counter_triggers),
        migrations.AddField(
            model_name="dataversion", name="reference_changes", field=models.BigIntegerField(default=0)
        ),
        migrations.RunPython(create_both_triggers, drop_both_triggers),
    ]
