from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "guatu.attraction"
    verbose_name = _("Investment attraction")

    def ready(self) -> None:
        from guatu.attraction import briefing, exchange

        exchange.register_kinds()
        briefing.register_section()
