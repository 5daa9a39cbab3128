from pathlib import Path

from django.core.management.base import BaseCommand

from guatu.exchange.tables import KINDS
from guatu.exchange.template import template_xlsx


class Command(BaseCommand):
    help = "Write a blank xlsx template (title, instructions, units, drop-downs) for a kind of import."

    def add_arguments(self, parser):
        from guatu.exchange import registry

        parser.add_argument("kind", choices=[*KINDS, "indicators", *registry.REGISTRY])
        parser.add_argument("--out", required=True)

    def handle(self, *args, kind, out, **options):
        path = Path(out)
        from guatu.exchange import registry

        path.write_bytes(registry.template_kind(kind) if kind in registry.REGISTRY else template_xlsx(kind))
        self.stdout.write(f"wrote {path}")
