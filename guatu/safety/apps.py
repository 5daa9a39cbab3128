from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

NAV_LABEL = _("Safety")  # the link in the top bar (guatu/templates/base.html); translated in this app's catalogue


class SafetyConfig(AppConfig):
    name = "guatu.safety"
    verbose_name = _("Work safety")

    def ready(self) -> None:
        from guatu.briefings.sections import register as register_section
        from guatu.exchange.registry import register as register_kind
        from guatu.safety.briefing import safety_section
        from guatu.safety.exchange import KINDS

        for kind in KINDS:
            register_kind(kind)
        register_section("safety", safety_section)
        from guatu.safety.warnings import project_safety_reasons
        from guatu.schedules.warnings import register_reasons

        register_reasons("safety", project_safety_reasons)
