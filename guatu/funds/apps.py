from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "guatu.funds"
    verbose_name = _("Industrial funds")

    def ready(self) -> None:
        from guatu.briefings.sections import register as register_section
        from guatu.exchange.registry import register as register_kind
        from guatu.funds.briefing import funds_section
        from guatu.funds.exchange import KINDS

        for kind in KINDS:
            register_kind(kind)
        register_section("funds", funds_section)
