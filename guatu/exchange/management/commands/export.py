from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.exchange.service import EXPORT_KINDS, export_bytes
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options, user_from_options


class Command(BaseCommand):
    help = "Export the ledger, plans, reports, progress, warnings or problems as xlsx or CSV."

    def add_arguments(self, parser):
        from guatu.exchange import registry

        parser.add_argument("kind", choices=[*EXPORT_KINDS, *registry.REGISTRY])
        parser.add_argument("--year", type=int, help="plans/reports/progress: the year")
        parser.add_argument("--through", type=int, help="progress: the last month")
        add_scope_arguments(parser)
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")

    def handle(self, *args, kind, year, through, out, **options):
        path = Path(out)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError(f"--out {out}: name it .xlsx or .csv")
        from guatu.exchange import registry

        if kind in registry.REGISTRY:
            path.write_bytes(registry.export_kind(kind, fmt, user=user_from_options(options)))
            self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
            return
        try:
            body = export_bytes(
                kind, fmt, scope_from_options(options), year=year, through=through, user=user_from_options(options)
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        path.write_bytes(body)
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
