import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.reader import UnreadableFile
from guatu.exchange.tables import KINDS


class Command(BaseCommand):
    help = "Import projects, annual plans or monthly reports from xlsx/CSV: preview, then commit all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        from guatu.exchange import registry

        parser.add_argument("--kind", choices=[*KINDS, "indicators", *registry.REGISTRY],
                            help="default: recognised from the header (the ledger's kinds)")  # fmt: skip
        parser.add_argument("--as", dest="as_user", metavar="USERNAME",
                            help="import as this user (their scope decides which rows they may write)")  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="preview only: what would be created/updated")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, file, kind, dry_run, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file")
        from guatu.exchange import registry
        from guatu.projects.management.scope_options import user_from_options

        user = user_from_options(options)
        if kind in registry.REGISTRY:
            try:
                result = registry.import_kind(path, kind, user=user, commit=not dry_run)
            except (ImportError_, UnreadableFile) as exc:
                raise CommandError(str(exc)) from exc
            data = result.as_job_json()
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            else:
                for e in data["errors"][:200]:
                    self.stderr.write(f"{result.file} [{e['sheet']}] row {e['row']}, {e['column']}: {e['reason']}")
                verb = "committed" if result.committed else "preview"
                self.stdout.write(f"{result.file} ({kind}): {result.rows:,} rows — {result.created} new, "
                                  f"{result.updated} changed, {result.unchanged} unchanged, "
                                  f"{len(result.errors)} errors ({verb})")  # fmt: skip
            if result.errors:
                raise CommandError(f"{path.name}: {len(result.errors)} errors; nothing was written")
            return
        if kind == "indicators":
            from django.core.management import call_command

            call_command("import-indicators", file, dry_run=dry_run, json=options["json"], stdout=self.stdout)
            return

        def progress(rows: int) -> None:
            if not options["json"] and sys.stderr.isatty():
                sys.stderr.write(f"\r{path.name}: {rows:,} rows read")
                sys.stderr.flush()

        try:
            preview = import_file(path, kind, dry_run=dry_run, progress=progress, acting_user=user)
        except (ImportError_, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(preview.as_json(), ensure_ascii=False, indent=2, default=str))
        else:
            for e in preview.errors[:200]:
                self.stderr.write(f"{preview.file} [{e.sheet}] row {e.row}, {e.column}: {e.reason}")
            verb = "committed" if preview.committed else "preview"
            self.stdout.write(f"{preview.file} ({preview.kind}): {preview.rows:,} rows — {preview.created} new, "
                              f"{preview.updated} changed, {preview.unchanged} unchanged, "
                              f"{preview.errors_total} errors ({verb})")  # fmt: skip
            if preview.absent:
                self.stdout.write(f"not in the file (left as stored): {', '.join(preview.absent)}")
        if preview.errors_total:
            raise CommandError(f"{path.name}: {preview.errors_total} errors; nothing was written")
