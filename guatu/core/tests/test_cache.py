"""The cockpit's rendered figures are cached per access, request, language and data version: a write of
any kind moves the version, users with different scopes never share an entry, a hit reads no figures."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from guatu.accounts.roles import Role
from guatu.audit.tracking import TrackedModel
from guatu.core.cache import REFERENCE_TABLES, data_version, page_key
from guatu.core.models import DataVersion, Platform, Region
from guatu.projects.models import AnnualPlan, ProjectList
from guatu.test import make_user

pytestmark = pytest.mark.django_db

FIGURE_TABLES = ("projects_monthlyreport", "projects_annualplan", "projects_listmembership", "projects_project")
# Models that keep no change record and need no trigger: they never show in a cached part.
NOT_SHOWN = {
    "audit.changerecord",
    "core.dataversion",
    "exchange.importjob",
    "exchange.headersynonym",
    "accounts.apitoken",
    "rollups.yearfigures",  # derived: rewritten in the transaction that writes the change record it follows
    "rollups.groupfigures",  # derived from the rows above, in the same transaction
    "innovation.platformtype",  # 科创平台's own reference list: not on the cockpit, the one cached page
}


def without_tokens(response) -> str:
    """The page without its CSRF tokens (masked differently on every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def key_for(user, query=None) -> str:
    request = RequestFactory().get("/", query or {})
    request.user = user
    return page_key("cockpit", request=request, parts=query or {})


def test_a_hit_does_not_query_the_figures(demo_client):
    first = demo_client.get("/")
    with CaptureQueriesContext(connection) as queries:
        second = demo_client.get("/")
    assert first.status_code == second.status_code == 200
    assert "142.3%" in second.content.decode()
    assert without_tokens(second) == without_tokens(first)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert not [table for table in FIGURE_TABLES if table in read], read
    assert len(queries.captured_queries) <= 8


def test_a_write_to_a_figure_shows_at_once(demo_client):
    assert "142.3%" in demo_client.get("/").content.decode()
    before = data_version()
    zone = Platform.objects.get(code="ZZXC")
    plan = AnnualPlan.objects.filter(
        year=2024, project__platform__path__startswith=zone.path, project__memberships__project_list__code="QXWY"
    ).first()
    plan.planned_investment += Decimal("100000")
    plan.save()
    assert data_version() != before
    page = demo_client.get("/").content.decode()
    assert "142.3%" not in page and "230.50" in page  # the same investment against a larger plan


def test_a_change_to_reference_data_shows_at_once(demo_client):
    assert "省集中开工项目" in demo_client.get("/").content.decode()
    before = data_version()
    ProjectList.objects.filter(code="JZKG").update(name="省集中开工项目(新)")
    assert data_version() != before
    assert "省集中开工项目(新)" in demo_client.get("/").content.decode()


def test_a_rolled_back_write_leaves_the_version_as_it_was():
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Region.objects.filter(code="330802").update(name="柯城")
        assert data_version() != before
        raise RuntimeError("undo")
    assert data_version() == before


def test_two_users_with_different_scopes_never_share_an_entry(reader, officer):
    city = {"region": str(Region.objects.get(code="330800").pk), "year": "2024", "through": "11"}
    assert key_for(reader, city) != key_for(officer, city)
    same_grants = make_user("reader2", Role.LEADER, region="330800")
    assert key_for(same_grants, city) == key_for(reader, city)  # same access, same figures


def test_users_with_different_scopes_see_their_own_figures(reader_client, officer, client):
    query = {"region": Region.objects.get(code="330800").pk, "year": 2024, "through": 11}
    city = reader_client.get("/", query).content.decode()
    client.force_login(officer)
    county = client.get("/", query).content.decode()
    assert city != county
    client.force_login(make_user("reader3", Role.LEADER, region="330800"))
    assert client.get("/", query).content.decode().count("<tr") == city.count("<tr")


def test_the_key_names_the_request_the_language_and_the_data(reader):
    base = key_for(reader, {"year": "2024", "through": "11"})
    assert key_for(reader, {"year": "2024", "through": "10"}) != base
    assert key_for(reader, {"year": "2024", "through": "11", "unit": "wan"}) != base
    from django.utils import translation

    with translation.override("en"):
        assert key_for(reader, {"year": "2024", "through": "11"}) != base
    DataVersion.objects.filter(pk=1).update(counter=12345)
    assert key_for(reader, {"year": "2024", "through": "11"}) != base


def test_every_model_without_a_change_record_raises_the_data_version():
    untracked = {
        m._meta.db_table
        for m in apps.get_models()
        if m.__module__.startswith("guatu.")
        and not issubclass(m, TrackedModel)
        and m._meta.label_lower not in NOT_SHOWN
        and m._meta.label_lower != "accounts.profile"  # the home scope is part of the cleaned form in the key
        and m._meta.managed
    }
    assert untracked == set(REFERENCE_TABLES)
    for table in REFERENCE_TABLES:
        before = data_version()
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET id = id WHERE id = (SELECT MIN(id) FROM {table})")
        assert data_version() != before, table
