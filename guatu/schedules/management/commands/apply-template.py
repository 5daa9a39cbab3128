import json

from django.core.management.base import BaseCommand, CommandError

from guatu.projects.as_of import parse_as_of
from guatu.projects.models import Project
from guatu.schedules import actions
from guatu.schedules.models import MilestoneTemplate
from guatu.schedules.plans import plans_for


class Command(BaseCommand):
    help = "Give a project without milestones a template's milestones, scheduled back from its promised date."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="project code")
        parser.add_argument("--template", required=True, help="template code: industrial, infrastructure, social …")
        parser.add_argument("--as-of", help="the day to schedule from (default: end of the latest reported month)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, project, template, as_of, **options):
        try:
            day = parse_as_of(as_of)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        found = Project.objects.visible_to(None).filter(code=project).first()
        if found is None:
            raise CommandError(f"--project: no project with code {project!r}")
        chosen = MilestoneTemplate.objects.filter(code=template).first()
        if chosen is None:
            codes = ", ".join(MilestoneTemplate.objects.values_list("code", flat=True))
            raise CommandError(f"--template: no template {template!r}; one of {codes}")
        try:
            actions.apply_template(found, chosen, as_of=day)
        except actions.WorkflowError as exc:
            raise CommandError(str(exc)) from exc
        plan = plans_for(Project.objects.filter(pk=found.pk), day)[0]
        if options["json"]:
            self.stdout.write(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{found.name}: {len(plan.rows)} 个节点,计划与基线已设定")
