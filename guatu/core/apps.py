from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guatu.core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from guatu.core.triggers import restore_data_version, restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, sender=self, dispatch_uid="guatu.core.triggers")
        post_migrate.connect(restore_data_version, sender=self, dispatch_uid="guatu.core.data_version")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="guatu.core.cache_table")


def create_cache_table(using: str = "default", **_kwargs) -> None:
    """The database cache's table (the default cache on PostgreSQL) comes with `migrate`, so every command
    and page that caches finds it, not only `guatu serve`. Idempotent."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
