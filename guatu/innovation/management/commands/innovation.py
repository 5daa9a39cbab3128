"""`guatu innovation …`: scorecards, the ranking, and the 科创平台 sheets from the command line.

    guatu innovation scorecard --platform 衢州资源化工创新研究院 --year 2024 [--as USERNAME] [--json]
    guatu innovation ranking --year 2024 [--region R] [--platform P] [--industry I] [--type T] [--as U] [--json]
    guatu innovation import FILE --kind outputs|platforms [--dry-run] [--as USERNAME] [--json]
    guatu innovation export --kind outputs|platforms --out FILE.xlsx|FILE.csv [--as USERNAME]
    guatu innovation template --kind outputs|platforms --out FILE.xlsx

Without --as the command acts as the system (everything); with it, it reads and writes what that
user may, under their name in the change record.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guatu.accounts.management.acting import add_as_argument, user_named
from guatu.core import texttable
from guatu.exchange import registry
from guatu.innovation import figures, lookups
from guatu.innovation.models import InnovationPlatform

KINDS = {"outputs": "innovation-outputs", "platforms": "innovation-platforms"}


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class Command(BaseCommand):
    help = "科创平台: scorecard, ranking, import, export and template (--json for machines)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        card = sub.add_parser("scorecard", help="a platform's scorecard for a year")
        card.add_argument("--platform", required=True, help="platform code or name")
        card.add_argument("--year", type=int, required=True)
        rank = sub.add_parser("ranking", help="platforms ranked within their type for a year")
        rank.add_argument("--year", type=int, required=True)
        rank.add_argument("--region", help="region code or name (its subtree)")
        rank.add_argument("--platform", help="industrial platform code or name (its subtree)")
        rank.add_argument("--industry", help="industry code or name")
        rank.add_argument("--type", dest="platform_type", help="platform type code or name")
        load = sub.add_parser("import", help="import a sheet of outputs or platforms (all or nothing)")
        load.add_argument("file")
        load.add_argument("--kind", choices=sorted(KINDS), required=True)
        load.add_argument("--dry-run", action="store_true", help="preview only")
        out = sub.add_parser("export", help="export the outputs or platforms one may see")
        out.add_argument("--kind", choices=sorted(KINDS), required=True)
        out.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        blank = sub.add_parser("template", help="an empty sheet to fill in")
        blank.add_argument("--kind", choices=sorted(KINDS), required=True)
        blank.add_argument("--out", required=True)
        for p in (card, rank, load, out):
            add_as_argument(p)
        for p in (card, rank, load):
            p.add_argument("--json", action="store_true", help="print JSON (figures as decimal strings)")

    def handle(self, *args, action: str, **options):
        user = user_named(options.get("as_user"))
        getattr(self, f"do_{action}")(user, options)

    def do_scorecard(self, user, options) -> None:
        try:
            platform = lookups.platform_named(options["platform"], user)
        except lookups.NotFound as exc:
            raise CommandError(f"--platform: {exc}") from None
        card = figures.scorecard(platform, options["year"])
        data = card.as_json()
        if options["json"]:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"{platform.name}  {options['year']}  {data['scheme'] or '没有评价方案'}")
        if data["error"]:
            raise CommandError(data["error"])
        rows = [[o["label"], o["kind"], o["actual"] or "—", o["target"] or "—",
                 f"{o['ratio_pct']}%" if o["ratio_pct"] else "—", o["weight"], o["score"], o["gap"] or "—"]
                for o in data["outputs"]]  # fmt: skip
        self.stdout.write(texttable.render(["指标", "类型", "实际", "目标", "完成率", "权重", "得分", "差距"], rows,
                                           right={2, 3, 4, 5, 6, 7}))  # fmt: skip
        if data["total"] is not None:
            self.stdout.write(f"总分 {data['total']}  等级 {data['grade'] or '—'}")

    def do_ranking(self, user, options) -> None:
        try:
            scope = lookups.scope_from_keys(**{k: options.get(k) for k in lookups.SCOPE_MODELS})
        except lookups.NotFound as exc:
            raise CommandError(str(exc)) from None
        platforms = InnovationPlatform.objects.visible_to(user).in_scope(**scope).select_related(
            "platform_type", "region")  # fmt: skip
        data = figures.ranking_json(figures.ranking(platforms, options["year"]), options["year"])
        if options["json"]:
            self.stdout.write(_dumps(data))
            return
        for group in data["groups"]:
            self.stdout.write(f"{group['platform_type']}  {group['scheme'] or '没有评价方案'}")
            rows = [[str(r["rank"] or "—"), r["platform"], r["region"], r["total"] or "—", r["grade"] or "—",
                     r["previous_total"] or "—"] for r in group["rows"]]  # fmt: skip
            self.stdout.write(texttable.render(["位次", "平台", "地区", "得分", "等级", "上年得分"], rows,
                                               right={0, 3, 5}))  # fmt: skip

    def do_import(self, user, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        from guatu.exchange.importer import ImportError_

        try:
            preview = registry.import_kind(path, KINDS[options["kind"]], user=user, commit=not options["dry_run"])
        except ImportError_ as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(_dumps(preview.as_json()))
        else:
            for error in preview.errors:
                self.stdout.write(f"{error['sheet']} 第{error['row']}行 {error['column']}: {error['reason']}")
            done = "已导入" if preview.committed else ("预览" if preview.ok else "未导入")
            self.stdout.write(f"{done}: 新增 {preview.created}, 更新 {preview.updated}, 未变 {preview.unchanged}, "
                              f"错误 {len(preview.errors)}")  # fmt: skip
        if preview.errors:
            raise CommandError(f"{len(preview.errors)} errors; nothing was written")

    def do_export(self, user, options) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lstrip(".").lower()
        if fmt not in ("xlsx", "csv"):
            raise CommandError("--out must end in .xlsx or .csv")
        out.write_bytes(registry.export_kind(KINDS[options["kind"]], fmt, user=user))
        self.stdout.write(f"wrote {out}")

    def do_template(self, user, options) -> None:
        out = Path(options["out"])
        out.write_bytes(registry.template_kind(KINDS[options["kind"]]))
        self.stdout.write(f"wrote {out}")
