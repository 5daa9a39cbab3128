import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guatu.core import texttable
from guatu.projects.as_of import parse_as_of
from guatu.schedules.models import Problem
from guatu.schedules.problems import overdue_by_department


class Command(BaseCommand):
    help = "The problem list (问题清单); --overdue for unresolved problems past their deadline."

    def add_arguments(self, parser):
        parser.add_argument("--overdue", action="store_true", help="only unresolved problems past their deadline")
        parser.add_argument("--status", choices=["open", "in_progress", "resolved", "closed"])
        parser.add_argument("--as-of", help="the day deadlines are judged against (default: today's date)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, overdue, status, as_of, **options):
        try:
            day = parse_as_of(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        problems = Problem.objects.visible_to(None).select_related("project", "department")
        if overdue:
            problems = problems.overdue(day)
        if status:
            problems = problems.filter(status=status)
        problems = list(problems)
        if options["json"]:
            self.stdout.write(json.dumps({
                "as_of": day.isoformat(),
                "problems": [{"id": p.pk, "project": p.project.code, "project_name": p.project.name, "type": p.type,
                              "title": p.title, "department": p.department.name, "raised_on": p.raised_on.isoformat(),
                              "deadline": p.deadline.isoformat(), "status": p.status, "overdue": p.is_overdue(day),
                              "days_overdue": p.days_overdue(day)}
                             for p in problems],
                "overdue_by_department": overdue_by_department(day),
            }, ensure_ascii=False, indent=2))  # fmt: skip
            return
        rows = [[p.project.code, p.title, p.department.name, str(p.deadline), p.get_status_display(),
                 "逾期" if p.is_overdue(day) else ""] for p in problems]  # fmt: skip
        self.stdout.write(texttable.render(["项目", "问题", "责任单位", "期限", "状态", ""], rows))
