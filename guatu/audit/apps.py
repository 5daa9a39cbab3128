from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "guatu.audit"
    verbose_name = _("Change records")

    def ready(self) -> None:
        from guatu.audit import signals

        signals.connect()
