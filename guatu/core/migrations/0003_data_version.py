"""The data version (guatu.core.cache): one counter row, raised by triggers in the writing transaction.

Reference tables (no change record): a trigger on insert/update/delete (on PostgreSQL once per
statement); they are written rarely, by the city administrator. PostgreSQL also counts change records,
because it hands out ids before commit (a later id may commit first): there the trigger is a deferred
constraint trigger, queued once per transaction (its WHEN function marks the transaction) and run at
commit, so the counter's row lock is held only while committing — the reporting rush and imports
write change records. SQLite runs one writer at a time, so its change-record ids already come in
commit order and need no trigger.
"""

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

PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION guatu_data_version_once() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF current_setting('guatu.data_version_queued', true) = 'on' THEN
        RETURN false;
    END IF;
    PERFORM set_config('guatu.data_version_queued', 'on', true);
    RETURN true;
END $$;
CREATE OR REPLACE FUNCTION guatu_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE core_dataversion SET counter = counter + 1 WHERE id = 1;
    RETURN NULL;
END $$;
"""


def pg_reference_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER guatu_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION guatu_data_version_bump()"
    )


def pg_change_record_trigger(table: str) -> str:
    return (
        f"CREATE CONSTRAINT TRIGGER guatu_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (guatu_data_version_once()) "
        "EXECUTE FUNCTION guatu_data_version_bump()"
    )


def sqlite_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER guatu_data_version_{table}_{op.lower()} AFTER {op} ON {table} "
        "BEGIN UPDATE core_dataversion SET counter = counter + 1 WHERE id = 1; END"
        for op in ("INSERT", "UPDATE", "DELETE")
    ]


def create(apps, schema_editor):
    apps.get_model("core", "DataVersion").objects.using(schema_editor.connection.alias).create(id=1, counter=0)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTIONS)
        for table in REFERENCE_TABLES:
            schema_editor.execute(pg_reference_trigger(table))
        schema_editor.execute(pg_change_record_trigger("audit_changerecord"))
    elif vendor == "sqlite":
        for table in REFERENCE_TABLES:
            for sql in sqlite_triggers(table):
                schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in (*REFERENCE_TABLES, "audit_changerecord"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS guatu_data_version ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS guatu_data_version_bump(); DROP FUNCTION IF EXISTS guatu_data_version_once();")
    elif vendor == "sqlite":
        for table in REFERENCE_TABLES:
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS guatu_data_version_{table}_{op}")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_load_zhejiang_regions"),
        ("audit", "0002_copy_simple_history"),
        ("projects", "0004_report_workflow"),
        ("indicators", "0003_change_record_replaces_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(create, drop),
    ]
