"""Who issues the briefing: configurable by the administrator, per region, with a default."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.briefings.models import DEFAULT_ISSUER, Masthead
from guatu.core.models import Region
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def briefing_of(region_code: str) -> Document:
    content = build(Scope(region=Region.objects.get(code=region_code)), Period(2024, 11))
    return Document(io.BytesIO(write_docx(content, chart=False, issued=dt.date(2024, 12, 5))))


def test_without_a_masthead_the_commission_issues_it():
    masthead = Masthead.for_region(Region.objects.get(code="330802"))
    assert masthead.pk is None and masthead.issuer == DEFAULT_ISSUER == "衢州市发展和改革委员会"
    assert masthead.number(2024, 11) == "2024年第11期"


def test_a_countys_masthead_issues_its_briefings_and_the_default_the_rest():
    Masthead.objects.create(
        issuer="衢州市重大项目建设指挥部", masthead="项目建设专报", copy_to="市委办公室，市政府办公室"
    )
    Masthead.objects.create(region=Region.objects.get(code="330802"), issuer="柯城区发展和改革局",
                            number_format="柯发改简〔{year}〕{month}号")  # fmt: skip
    kecheng = briefing_of("330802")
    assert [p.text for p in kecheng.paragraphs[:2]] == ["重点项目建设简报", "柯发改简〔2024〕11号"]
    assert kecheng.core_properties.author == "柯城区发展和改革局"
    city = briefing_of("330800")
    assert city.paragraphs[0].text == "项目建设专报" and city.core_properties.author == "衢州市重大项目建设指挥部"
    assert city.paragraphs[-2].text == "抄送：市委办公室，市政府办公室"


def test_a_number_pattern_with_an_unknown_field_is_refused():
    with pytest.raises(ValidationError) as refused:
        Masthead.objects.create(number_format="第{issue}期")
    assert "number_format" in refused.value.message_dict


def test_the_administrator_edits_it_in_the_admin_and_the_change_is_recorded(demo_client, demo_user):
    assert demo_client.get("/admin/briefings/masthead/add/").status_code == 200
    response = demo_client.post("/admin/briefings/masthead/add/", {
        "issuer": "衢州市发展和改革委员会", "masthead": "重点项目建设简报",
        "number_format": "衢发改简〔{year}〕{month}号", "copy_to": "", "region": "", "version": 0})  # fmt: skip
    assert response.status_code == 302
    masthead = Masthead.objects.get()
    assert masthead.number(2024, 11) == "衢发改简〔2024〕11号" and records_of(masthead)[-1].user == demo_user


def test_a_reporter_cannot_change_it(officer_client):
    assert officer_client.get("/admin/briefings/masthead/add/").status_code in (302, 403)
