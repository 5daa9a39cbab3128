import json

from django.core.management.base import BaseCommand, CommandError

from guatu.projects.as_of import parse_as_of
from guatu.projects.models import Project
from guatu.schedules import actions
from guatu.schedules.plans import plans_for


class Command(BaseCommand):
    help = "Approve a project's plan: the 倒排 dates become its planned dates (--baseline: and its baseline)."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="project code")
        parser.add_argument("--baseline", action="store_true", help="also set the baseline to this plan")
        parser.add_argument("--as-of", help="the day to schedule from (default: end of the latest reported month)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, project, baseline, as_of, **options):
        try:
            day = parse_as_of(as_of)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        found = Project.objects.visible_to(None).filter(code=project).first()
        if found is None:
            raise CommandError(f"--project: no project with code {project!r}")
        try:
            actions.approve_plan(found, as_of=day, set_baseline=baseline)
        except actions.WorkflowError as exc:
            raise CommandError(str(exc)) from exc
        plan = plans_for(Project.objects.filter(pk=found.pk), day)[0]
        if options["json"]:
            self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{found.name}: 计划已批准" + (",基线已更新" if baseline else ""))
