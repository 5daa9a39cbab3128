"""The authorisation matrix: every page of the URLconf and every operation of the API schema, for
every role, on an object inside and one outside the user's scope.

The scoped roles hold 柯城区 (330802), or the in-scope project's department; the out-of-scope
anchor is a project of 江山市 (330881) under another department. A leak is: an out-of-scope object
answered (200) or named on a page or in a list, or any write by a role that may not write, or a
server error. A new page or operation with no rule here fails `test_every_page_has_a_rule` /
`test_every_api_operation_has_a_rule`, so nothing joins the app unchecked.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator

from guatu.accounts.permissions import view_model
from guatu.accounts.roles import Role
from guatu.audit.models import ChangeRecord
from guatu.audit.tracking import scope_ids
from guatu.core.models import Region
from guatu.projects.models import MonthlyReport, Project
from guatu.schedules.models import Milestone, Problem
from guatu.test import make_user

pytestmark = pytest.mark.django_db

IN_REGION, OUT_REGION = "330802", "330881"
SCOPED_ROLES = {
    "department": Role.DEPARTMENT,
    "reporter": Role.REPORTER,
    "reviewer": Role.REVIEWER,
    "leader": Role.LEADER,
    "auditor": Role.AUDITOR,
}
READ_ONLY = {"leader", "auditor", "norole"}
TIMES: dict = {}
SKIP_PREFIXES = ("admin/", "api/", "i18n/", "static/")


@dataclass
class World:
    inside: Project
    outside: Project
    users: dict
    objects: dict  # model → (inside object, outside object)


def _project(region: str, exclude_department=None) -> Project:
    projects = Project.objects.filter(region__code=region, department__isnull=False).order_by("code")
    if exclude_department is not None:
        projects = projects.exclude(department=exclude_department)
    return projects.first()


def _ensure_children(project: Project) -> dict:
    from guatu.core.models import Department

    milestone = project.milestones.order_by("pk").first() or Milestone.objects.create(
        project=project, key="matrix", name="矩阵节点", duration_days=10
    )
    problem = project.problem_items.order_by("pk").first() or Problem.objects.create(
        project=project, type="land", title=f"矩阵问题{project.code}",
        department=project.department or Department.objects.first(), raised_on="2024-10-01", deadline="2024-12-31",
    )  # fmt: skip
    return {MonthlyReport: project.reports.order_by("-year", "-month").first(), Milestone: milestone, Problem: problem}


@pytest.fixture
def world(db) -> World:
    inside = _project(IN_REGION)
    outside = _project(OUT_REGION, exclude_department=inside.department)
    users = {"city_admin": make_user("m_admin", Role.CITY_ADMIN), "norole": make_user_without_role("m_none")}
    for name, role in SCOPED_ROLES.items():
        if role == Role.DEPARTMENT:
            users[name] = make_user(f"m_{name}", role, department=inside.department.code)
        else:
            users[name] = make_user(f"m_{name}", role, region=IN_REGION)
    inner, outer = _ensure_children(inside), _ensure_children(outside)
    objects = {Project: (inside, outside), **{model: (inner[model], outer[model]) for model in inner}}
    for model in _parts_models():
        objects[model] = _pair(model)
    return World(inside, outside, users, objects)


def _parts_models() -> list:
    from guatu.attraction.models import Lead, Talk
    from guatu.funds.models import Fund, FundCommitment, FundInvestment
    from guatu.innovation.models import InnovationPlatform, PlatformOutput
    from guatu.safety.models import Accident, Hazard, Inspection

    return [Lead, Talk, Fund, FundCommitment, FundInvestment, InnovationPlatform, PlatformOutput, Hazard, Inspection,
            Accident]  # fmt: skip


def _pair(model) -> tuple:
    """An object of the model in the scoped county and one in the other (None where the demo has none)."""
    region = model.access_paths["region"]
    found = [model.objects.filter(**{f"{region}__path__contains": f"/{code}/"}).order_by("pk").first()
             for code in (IN_REGION, OUT_REGION)]  # fmt: skip
    return tuple(found)


def make_user_without_role(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username, password="test-pass-2024")


# --- pages ----------------------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name


def pages() -> list[tuple[str, str]]:
    return [(path, name) for path, name in _walk(get_resolver().url_patterns) if not path.startswith(SKIP_PREFIXES)]


def _report_kwargs(report):
    return {"code": report.project.code, "year": report.year, "month": report.month}


# URL name → how to fill its parameters for an anchor project (None: the page takes none; a dict: fixed
# parameters, the page lists what the user may see). Pages whose object is city-wide (the calendar) or
# the user's own (account, jobs) say so with "own" (their own tests cover them).
PAGE_RULES = {
    "login": None, "logout": None, "projects:cockpit": None, "projects:project_list": None,
    "projects:project_create": None, "projects:review_queue": None, "schedules:battle_map": None,
    "schedules:warnings": None, "schedules:problem_list": None, "indicators:board": None, "indicators:rank": None,
    "indicators:drill": None, "briefings:briefing_docx": None, "exchange:import": None, "reporting:status": None,
    "briefings:briefing_pdf": None,
    "reporting:calendar": None, "reporting:month_open": None, "reporting:policy": None, "audit:change_list": None,
    "accounts:account": None, "accounts:password_change": None,
    "accounts:token": "own", "exchange:job": "own", "exchange:job_status": "own", "exchange:job_commit": "own",
    "reporting:month_close": "own", "reporting:month_reopen": "own",
    "schedules:battle_map_export": {"fmt": "png"},
    "exchange:template": {"kind": "reports"},
    "exchange:export": {"kind": "projects", "fmt": "csv"},
    "reporting:export": {"fmt": "csv"},
    "projects:project_detail": lambda w, p: {"code": p.code},
    "projects:project_edit": lambda w, p: {"code": p.code},
    "projects:project_plans": lambda w, p: {"code": p.code},
    "projects:report_create": lambda w, p: {"code": p.code},
    "projects:report_edit": lambda w, p: _report_kwargs(w.child(MonthlyReport, p)),
    "projects:report_correct": lambda w, p: _report_kwargs(w.child(MonthlyReport, p)),
    "projects:report_transition": lambda w, p: {**_report_kwargs(w.child(MonthlyReport, p)), "step": "approve"},
    "schedules:project_milestones": lambda w, p: {"code": p.code},
    "schedules:project_plan_action": lambda w, p: {"code": p.code, "action": "approve"},
    "schedules:problem_create": lambda w, p: {"code": p.code},
    "schedules:problem_transition": lambda w, p: {"pk": w.child(Problem, p).pk},
    "audit:object_changes": lambda w, p: {"app_label": "projects", "model": "project", "pk": p.pk},
    # 科创平台
    "innovation:platform_list": None, "innovation:ranking": None, "innovation:outputs": None,
    "innovation:scheme_list": None, "innovation:scheme_create": None, "innovation:platform_create": None,
    "innovation:export": {"kind": "outputs", "fmt": "csv"}, "innovation:template": {"kind": "outputs"},
    "innovation:scheme_detail": "own", "innovation:scheme_edit": "own", "innovation:scheme_copy": "own",
    "innovation:platform_detail": lambda w, p: _code(w.child(_m("innovation.InnovationPlatform"), p)),
    "innovation:platform_edit": lambda w, p: _code(w.child(_m("innovation.InnovationPlatform"), p)),
    "innovation:year_on_year": lambda w, p: _code(w.child(_m("innovation.InnovationPlatform"), p)),
    "innovation:output_create": lambda w, p: _code(w.child(_m("innovation.InnovationPlatform"), p)),
    "innovation:scorecard": lambda w, p: _with(_code(w.child(_m("innovation.InnovationPlatform"), p)), year=2024),
    "innovation:output_edit": lambda w, p: _output(w.child(_m("innovation.PlatformOutput"), p)),
    # 产业基金
    "funds:overview": None, "funds:fund_list": None, "funds:fund_create": None, "funds:investment_list": None,
    "funds:commitment_list": None, "funds:export": {"kind": "fund-investments", "fmt": "csv"},
    "funds:template": {"kind": "funds"},
    "funds:fund_detail": lambda w, p: _code(w.child(_m("funds.Fund"), p)),
    "funds:fund_edit": lambda w, p: _code(w.child(_m("funds.Fund"), p)),
    "funds:commitment_create": lambda w, p: _code(w.child(_m("funds.Fund"), p)),
    "funds:investment_create": lambda w, p: _code(w.child(_m("funds.Fund"), p)),
    "funds:commitment_edit": lambda w, p: _of_fund(w.child(_m("funds.FundCommitment"), p)),
    "funds:investment_edit": lambda w, p: _of_fund(w.child(_m("funds.FundInvestment"), p)),
    # 招商引资
    "attraction:overview": None, "attraction:my_leads": None, "attraction:lead_list": None,
    "attraction:lead_create": None, "attraction:event_list": None, "attraction:event_detail": "own",
    "attraction:lead_export": {"fmt": "csv"}, "attraction:template": {"kind": "leads"},
    "attraction:lead_detail": lambda w, p: _code(w.child(_m("attraction.Lead"), p)),
    "attraction:lead_edit": lambda w, p: _code(w.child(_m("attraction.Lead"), p)),
    "attraction:lead_transition": lambda w, p: _code(w.child(_m("attraction.Lead"), p)),
    "attraction:lead_convert": lambda w, p: _code(w.child(_m("attraction.Lead"), p)),
    "attraction:item_create": lambda w, p: _with(_code(w.child(_m("attraction.Lead"), p)), kind="talks"),
    "attraction:item_edit": lambda w, p: _talk(w.child(_m("attraction.Talk"), p)),
    "attraction:item_delete": lambda w, p: _talk(w.child(_m("attraction.Talk"), p)),
    # 安全生产
    "safety:overview": None, "safety:hazard_list": None, "safety:inspection_list": None,
    "safety:inspection_create": None, "safety:accident_list": None, "safety:accident_create": None,
    "safety:export": {"kind": "hazards", "fmt": "csv"}, "safety:template": {"kind": "hazards"},
    "safety:hazard_detail": lambda w, p: _pk(w.child(_m("safety.Hazard"), p)),
    "safety:hazard_edit": lambda w, p: _pk(w.child(_m("safety.Hazard"), p)),
    "safety:hazard_transition": lambda w, p: _pk(w.child(_m("safety.Hazard"), p)),
    "safety:inspection_detail": lambda w, p: _pk(w.child(_m("safety.Inspection"), p)),
    "safety:inspection_edit": lambda w, p: _pk(w.child(_m("safety.Inspection"), p)),
    "safety:hazard_create": lambda w, p: _renamed(_pk(w.child(_m("safety.Inspection"), p)), "pk", "inspection_pk"),
    "safety:accident_detail": lambda w, p: _pk(w.child(_m("safety.Accident"), p)),
    "safety:accident_edit": lambda w, p: _pk(w.child(_m("safety.Accident"), p)),
    "favicon": None,
}  # fmt: skip


def _m(label: str):
    from django.apps import apps

    return apps.get_model(label)


def _code(obj):
    return None if obj is None else {"code": obj.code}


def _pk(obj):
    return None if obj is None else {"pk": obj.pk}


def _with(kwargs, **more):
    return None if kwargs is None else {**kwargs, **more}


def _renamed(kwargs, old: str, new: str):
    return None if kwargs is None else {new: kwargs[old]}


def _output(obj):
    return None if obj is None else {"code": obj.platform.code, "year": obj.year}


def _of_fund(obj):
    return None if obj is None else {"code": obj.fund.code, "pk": obj.pk}


def _talk(obj):
    return None if obj is None else {"code": obj.lead.code, "kind": "talks", "pk": obj.pk}


def _child(world: World, model, project):
    inside, outside = world.objects[model]
    return inside if project == world.inside else outside


def _markers_of(world: World) -> list[str]:
    """What names an out-of-scope object on a page: the project's code and name, and every other
    part's out-of-scope object's code (and name where it has one)."""
    found = list(_markers(world.outside))
    for _inside, outside in world.objects.values():
        if outside is None or isinstance(outside, Project):
            continue
        for attr in ("code", "name"):
            value = getattr(outside, attr, None)
            if isinstance(value, str) and len(value) >= 4:
                found.append(value)
    return found


World.child = _child


def test_every_page_has_a_rule():
    missing = [name for _path, name in pages() if name not in PAGE_RULES]
    assert not missing, f"pages without an access rule in the matrix: {missing}"


def _fill(path: str, kwargs: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), path)


def _markers(project: Project) -> tuple[str, str]:
    return project.code, project.name


def _leaks(body: bytes, markers) -> str | None:
    text = body.decode("utf-8", "replace")
    return next((marker for marker in markers if marker in text), None)


@pytest.fixture
def no_chromium(monkeypatch):
    """The battle map's PNG is the page's HTML drawn by chromium: here the HTML itself is answered, so the
    check reads what would be drawn (and the matrix does not start chromium hundreds of times)."""
    monkeypatch.setattr("guatu.schedules.views.html_to_png", lambda html, **kw: html.encode())
    monkeypatch.setattr("guatu.schedules.views.html_to_pdf", lambda html, **kw: html.encode())
    monkeypatch.setattr("guatu.briefings.docx.completion_chart_png", lambda *a, **kw: None)
    monkeypatch.setattr("guatu.briefings.pdf.print_to_pdf", lambda html, **kw: html.encode())


def test_pages_never_show_or_change_what_is_out_of_scope(client, world, no_chromium):
    counted = 0
    markers = _markers_of(world)
    problems = []
    for path, name in pages():
        rule = PAGE_RULES[name]
        if rule == "own" or name in ("login", "logout"):
            continue
        for role, user in world.users.items():
            client.force_login(user)
            anchors = [world.inside, world.outside] if callable(rule) else [None]
            for anchor in anchors:
                kwargs = rule(world, anchor) if callable(rule) else (rule or {})
                if kwargs is None:  # the demo has no such object in that county
                    continue
                url = _fill(path, kwargs)
                for method in ("get", "post"):
                    before = ChangeRecord.objects.count()
                    started = time.monotonic()
                    try:
                        response = getattr(client, method)(url)
                    except Exception as exc:  # a server error: listed with the others
                        problems.append(f"{method.upper()} {url} as {role}: {exc!r}")
                        continue
                    TIMES[f"{method} {name}"] = TIMES.get(f"{method} {name}", 0) + time.monotonic() - started
                    counted += 1
                    status = response.status_code
                    where = f"{method.upper()} {url} as {role}"
                    if status >= 500:
                        problems.append(f"{where}: {status}")
                        continue
                    wrote = ChangeRecord.objects.count() != before
                    if wrote and (role in READ_ONLY or (anchor == world.outside and role != "city_admin")):
                        problems.append(f"{where}: wrote to the record")
                    if role == "city_admin":
                        continue
                    body = b"" if response.streaming else response.content
                    if anchor == world.outside and status == 200:
                        problems.append(f"{where}: answered 200 for an out-of-scope object")
                    elif status == 200 and (leak := _leaks(body, markers)):
                        problems.append(f"{where}: names the out-of-scope {leak}")
    print(f"page matrix: {counted} requests")
    for key, spent in sorted(TIMES.items(), key=lambda kv: -kv[1])[:15]:
        print(f"{spent:6.1f}s {key}")
    assert counted > 0 and not problems, "\n".join(problems)


# --- the API --------------------------------------------------------------------------------------

# Operations that are not one model's rows: the query they need to answer (their figures are
# computed from the restricted querysets, so the check is that no out-of-scope project is named).
FIGURES = {
    "/api/v1/progress/": "?year=2024&through=11",
    "/api/v1/warnings/": "?as_of=2024-11-30",
    "/api/v1/reporting/status/": "?year=2024&month=12",
    "/api/v1/drill/": "?indicator=FAI&unit=330800&period=2024-11",
    "/api/v1/rankings/": "?indicator=GDP&parent=330000&period=2024-11",
    "/api/v1/exports/{kind}/": None,
    "/api/v1/imports/": None,
    "/api/v1/imports/jobs/{token}/": None,
    "/api/v1/imports/jobs/{token}/commit/": None,
    "/api/v1/safety/summary/": "?year=2024",
    "/api/v1/projects/{code}/schedule/": "code",
    "/api/v1/projects/{code}/apply-template/": "code",
    "/api/v1/projects/{code}/approve-plan/": "code",
    "/api/v1/attraction/reminders/": "?as_of=2024-11-30",
    "/api/v1/attraction/summary/": "?year=2024",
    "/api/v1/innovation/ranking/": "?year=2024",
    "/api/v1/innovation/scorecard/": "?platform=QZ-ZYHG&year=2024",
}


def operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(path, method) for path, item in schema["paths"].items() for method in item
            if method in ("get", "post", "put", "patch", "delete")]  # fmt: skip


def _model_of(path: str):
    sample = re.sub(r"\{[^}]+\}", "1", path)
    view = resolve(sample).func
    cls = getattr(view, "cls", None)
    if cls is None:
        return None
    return view_model(cls(**getattr(view, "initkwargs", {})))


def test_every_api_operation_has_a_rule():
    missing = []
    for path, _method in operations():
        if path in FIGURES:
            continue
        model = _model_of(path)
        if model is None:
            missing.append(path)
    assert not missing, f"API operations without an access rule in the matrix: {sorted(set(missing))}"


def _is_outside(obj) -> bool | None:
    """Whether an object stands in the out-of-scope county (None: not scoped by region)."""
    ids = scope_ids(obj)
    region = ids.get("region")
    if region is None:
        return None
    path = Region.objects.get(pk=region).path
    return OUT_REGION in path


def _out_object(world: World, model):
    if model in world.objects:
        return world.objects[model][1]
    paths = getattr(model, "access_paths", {})
    if "project" in paths:
        return model.objects.filter(**{paths["project"]: world.outside}).first()
    if "region" in paths:
        return model.objects.filter(**{f"{paths['region']}__path__contains": f"/{OUT_REGION}/"}).first()
    return None


def test_the_api_never_answers_or_changes_what_is_out_of_scope(world):
    from rest_framework.test import APIClient

    counted = 0
    problems = []
    ops = operations()
    markers = _markers_of(world)
    for role, user in world.users.items():
        if role == "city_admin":
            continue
        api = APIClient()
        api.force_authenticate(user)
        for path, method in ops:
            rule = FIGURES.get(path, "model")
            if rule is None:
                continue
            before = ChangeRecord.objects.count()
            model = Project if rule == "code" else _model_of(path) if rule == "model" else None
            if method == "get" and getattr(model, "public_read", False):
                continue  # published statistics: every role reads them (writing them is checked below)
            if rule == "code" or (rule == "model" and "{" in path):
                outside = world.outside if rule == "code" else _out_object(world, model)
                if outside is None:
                    continue
                value = outside.code if "{code}" in path else outside.pk
                url = re.sub(r"\{[^}]+\}", str(value), path)
                response = getattr(api, method)(
                    url, {}, format="json", HTTP_IF_MATCH=f'"{getattr(outside, "version", 1)}"'
                )
                counted += 1
                if response.status_code not in (401, 403, 404, 405):
                    problems.append(
                        f"{method.upper()} {url} as {role}: {response.status_code} for an out-of-scope object"
                    )
            elif method == "get":
                url = path + (rule if rule != "model" else "")
                response = api.get(url)
                counted += 1
                if response.status_code >= 500:
                    problems.append(f"GET {url} as {role}: {response.status_code}")
                elif response.status_code == 200 and (leak := _leaks(response.content, markers)):
                    problems.append(f"GET {url} as {role}: names the out-of-scope {leak}")
                elif response.status_code == 200 and rule == "model":
                    model = _model_of(path)
                    ids = [row.get("id") for row in response.json().get("results", []) if isinstance(row, dict)]
                    leaked = [pk for pk in ids if pk and _is_outside(model._base_manager.get(pk=pk))]
                    if leaked:
                        problems.append(f"GET {url} as {role}: out-of-scope rows {leaked[:5]}")
            elif method == "post" and rule == "model":
                model = _model_of(path)
                outside = _out_object(world, model)
                if outside is None:
                    continue
                payload = _payload_like(outside)
                response = api.post(path, payload, format="json")
                counted += 1
                if response.status_code in (200, 201, 202) or response.status_code >= 500:
                    problems.append(f"POST {path} as {role}: {response.status_code} creating an out-of-scope row")
            if ChangeRecord.objects.count() != before:
                problems.append(f"{method.upper()} {path} as {role}: wrote to the record")
    print(f"API matrix: {counted} requests")
    assert counted > 0 and not problems, "\n".join(problems)


def _payload_like(obj) -> dict:
    """A create request that names the out-of-scope object's parents (its project, region …)."""
    payload = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key or f.name == "version":
            continue
        value = getattr(obj, f.attname)
        payload[f.name] = value if isinstance(value, int | str | bool) or value is None else str(value)
    if "code" in payload:
        payload["code"] = f"{payload['code']}-X"
    if "month" in payload and "year" in payload:
        payload["year"] = 2025
    return json.loads(json.dumps(payload, default=str))
