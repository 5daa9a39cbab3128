from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guatu.core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from guatu.core.triggers import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, dispatch_uid="guatu.core.triggers")
