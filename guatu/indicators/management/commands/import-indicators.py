import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.indicators.importer import ImportFileError, import_values, may_import
from guatu.projects.management.scope_options import user_from_options


class Command(BaseCommand):
    help = "Import indicator values from a tidy CSV/xlsx (see guatu/indicators/importer.py); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--as", dest="as_user", metavar="USERNAME",
                            help="import as this user: only units within their scope, and the change record names "
                                 "them (without it, the system imports)")  # fmt: skip

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file")
        user = user_from_options(options)
        if user is not None and not may_import(user):
            raise CommandError(f"--as {user.get_username()}: this user may not import indicator values")
        try:
            report = import_values(path, dry_run=dry_run, user=user)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            for e in report.errors:
                self.stderr.write(f"{path.name}, row {e.row}, column {e.column}: {e.reason}")
            if report.ok:
                verb = "would write" if dry_run else "wrote"
                self.stdout.write(f"{path.name}: {report.rows} rows; {verb} {report.result.created} new, "
                                  f"{report.result.updated} changed, {report.result.unchanged} unchanged; "
                                  f"{report.derived} growth rates derived")  # fmt: skip
        if not report.ok:
            raise CommandError(f"{path.name}: {len(report.errors)} bad rows; nothing was written")
