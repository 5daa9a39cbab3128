from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "guatu.innovation"
    verbose_name = _("Innovation platforms")

    def ready(self) -> None:
        from guatu.briefings import sections
        from guatu.exchange import registry
        from guatu.innovation import briefing, kinds

        for kind in kinds.KINDS:
            registry.register(kind)
        sections.register("innovation", briefing.section)
