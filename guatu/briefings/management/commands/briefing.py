import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.briefings.content import build
from guatu.core.browser import BrowserUnavailable
from guatu.core.periods import Period
from guatu.projects.management.scope_options import add_scope_arguments, scope_from_options, user_from_options
from guatu.reporting.defaults import default_period

FORMATS = ("docx", "pdf")


class Command(BaseCommand):
    help = "Write the monthly briefing (简报) as an official document (GB/T 9704): Word (.docx) or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="default: the year of the latest closed reporting month")
        parser.add_argument("--through", type=int, help="last month included (1-12); default: as --year")
        add_scope_arguments(parser)
        parser.add_argument("--out", required=True, help="the file to write (.docx or .pdf)")
        parser.add_argument("--format", choices=FORMATS, help="docx or pdf (default: from the --out name)")
        parser.add_argument("--date", help="the document's date, YYYY-MM-DD (default: today)")
        parser.add_argument("--number", help="the issue number as printed, e.g. 2024年第11期 (default: the masthead's)")
        parser.add_argument("--no-chart", action="store_true", help="leave the chart out (no chromium needed)")

    def handle(self, *args, year, through, out, no_chart, **options):
        if (year is None) != (through is None):
            raise CommandError("give both --year and --through, or neither (the latest closed reporting month)")
        try:
            period = Period(year, through) if year else default_period()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(out)
        fmt = options["format"] or path.suffix.lower().lstrip(".")
        if fmt not in FORMATS or path.suffix.lower() != f".{fmt}":
            raise CommandError(f"--out {out}: the briefing is a Word or PDF file; name it *.docx or *.pdf "
                               f"(matching --format)")  # fmt: skip
        if not path.parent.is_dir():
            raise CommandError(f"--out {out}: the folder {path.parent} does not exist")
        issued = self._date(options["date"])
        scope = scope_from_options(options)
        briefing = build(scope, period, user=user_from_options(options))
        try:
            if fmt == "pdf":
                from guatu.briefings.pdf import write_pdf

                body = write_pdf(briefing, chart=not no_chart, issued=issued, number=options["number"])
            else:
                from guatu.briefings.docx import write_docx

                body = write_docx(briefing, chart=not no_chart, issued=issued, number=options["number"])
        except BrowserUnavailable as exc:
            raise CommandError(f"--format pdf: {exc}") from exc
        try:
            path.write_bytes(body)
        except OSError as exc:
            raise CommandError(f"--out {out}: cannot write the file ({exc.strerror or exc})") from exc
        self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")

    @staticmethod
    def _date(text: str | None) -> dt.date | None:
        if not text:
            return None
        from guatu.core import params

        try:
            return params.parse_date(text, "--date")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
