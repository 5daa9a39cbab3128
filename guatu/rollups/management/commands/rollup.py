"""guatu rollup --verify | --rebuild: check the rollups against the raw rows, or rewrite them."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from guatu.rollups import facts
from guatu.rollups.verify import describe_group, verify
from guatu.synth.progressbar import ProgressBar


class Command(BaseCommand):
    help = "Verify the rollups against the raw rows (0 differences expected), or rebuild them."

    def add_arguments(self, parser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--verify", action="store_true", help="recompute every row and report differences")
        group.add_argument("--rebuild", action="store_true", help="rewrite every row from the raw rows")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        total = len(facts.all_project_ids())
        bar = ProgressBar(total, "projects", stream=getattr(self.stderr, "_out", None), enabled=not options["json"])
        if options["rebuild"]:
            written = facts.rebuild(progress=bar.advance)
            bar.done()
            groups = facts.group_count()
            self.stdout.write(json.dumps({"rebuilt": written, "groups": groups}) if options["json"]
                              else f"rebuilt {written:,} rows and {groups:,} groups")  # fmt: skip
            return
        found = verify(progress=bar.advance)
        bar.done()
        if options["json"]:
            self.stdout.write(json.dumps(found.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"checked {found.checked:,} rows of {total:,} projects and {found.groups_checked:,} groups: "
                f"{found.count} differences"
            )
            for label, rows in (("missing", found.missing), ("extra", found.extra)):
                for row in rows[:10]:
                    self.stdout.write(f"  {label}: {row}")
            for stored, wanted in found.wrong[:10]:
                self.stdout.write(f"  stored {stored}\n  wanted {wanted}")
            for stored, wanted in found.groups_wrong[:10]:
                self.stdout.write(f"  group {describe_group(stored, wanted)}")
        if found.count:
            raise CommandError(f"{found.count} rollup rows differ from the raw rows")
