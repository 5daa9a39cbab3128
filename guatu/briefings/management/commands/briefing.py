from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.core.periods import Period
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options, user_from_options
from guatu.reporting.defaults import default_period


class Command(BaseCommand):
    help = "Write the monthly briefing (简报) as a Word document."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="default: the year of the latest closed reporting month")
        parser.add_argument("--through", type=int, help="last month included (1-12); default: as --year")
        add_scope_arguments(parser)
        parser.add_argument("--out", required=True, help="the .docx file to write")
        parser.add_argument("--no-chart", action="store_true", help="leave the chart out (no chromium needed)")

    def handle(self, *args, year, through, out, no_chart, **options):
        if (year is None) != (through is None):
            raise CommandError("give both --year and --through, or neither (the latest closed reporting month)")
        try:
            period = Period(year, through) if year else default_period()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        scope = scope_from_options(options)
        path = Path(out)
        if path.suffix.lower() != ".docx":
            raise CommandError(f"--out {out}: the briefing is a Word file; name it *.docx")
        briefing = build(scope, period, user=user_from_options(options))
        path.write_bytes(write_docx(briefing, chart=not no_chart))
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
