import json

from django.core.management.base import BaseCommand, CommandError

from guatu.core import texttable
from guatu.projects.as_of import parse_as_of
from guatu.projects.models import Project
from guatu.schedules.plans import plans_for


class Command(BaseCommand):
    help = "A project's milestones scheduled back from its promised date (倒排工期) and forward from today."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="project code")
        parser.add_argument("--as-of", help="the day to look from (default: end of the latest closed reporting month)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, project, as_of, **options):
        try:
            day = parse_as_of(as_of)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        projects = Project.objects.visible_to(None).filter(code=project)
        if not projects.exists():
            raise CommandError(f"--project: no project with code {project!r}")
        plan = plans_for(projects, day)[0]
        if plan.error:
            raise CommandError(f"{project}: {plan.error}")
        if options["json"]:
            self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{plan.project.name}  截至 {day}  承诺 {plan.promise}  预计 {plan.schedule.projected_finish}"
                          + (f"  将延误 {plan.days_missed} 天" if plan.days_missed else ""))  # fmt: skip
        rows = [[r.milestone.name, str(r.milestone.planned_finish or "—"), str(r.milestone.baseline_finish or "—"),
                 str(r.actual_finish or "—"), str(r.timing.latest_finish), str(r.timing.earliest_finish),
                 "—" if r.timing.float_days is None else str(r.timing.float_days), "★" if r.timing.critical else "",
                 r.status] for r in plan.rows]  # fmt: skip
        headers = ["节点", "计划", "基线", "实际", "最迟完成", "最早完成", "浮动(天)", "关键", "状态"]
        self.stdout.write(texttable.render(headers, rows, right={6}))
