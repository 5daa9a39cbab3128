"""`guatu synth --projects N --months M --seed S --json` loads the data set and says what it wrote."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from guatu.projects.models import MonthlyReport, Project

pytestmark = pytest.mark.django_db


def test_the_command_loads_and_reports_its_counts():
    out = io.StringIO()
    call_command("synth", "--projects", "12", "--months", "3", "--seed", "31", "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["projects"] == 12 == Project.objects.filter(code__startswith="SY31-").count()
    assert summary["reports"] == MonthlyReport.objects.filter(project__code__startswith="SY31-").count()
    assert (summary["first"], summary["last"]) == ("2024-10", "2024-12")


def test_a_seed_loaded_twice_is_a_command_error():
    call_command("synth", "--projects", "2", "--months", "1", "--seed", "32", "--json", stdout=io.StringIO())
    with pytest.raises(CommandError, match="seed 32 exist already"):
        call_command("synth", "--projects", "2", "--months", "1", "--seed", "32", "--json", stdout=io.StringIO())


def test_zero_projects_is_refused():
    with pytest.raises(CommandError, match="--projects must be at least 1"):
        call_command("synth", "--projects", "0", stdout=io.StringIO())
