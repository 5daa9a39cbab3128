"""The admin under the same access rule: every fund admin is scoped, and its pages open."""

import pytest
from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.funds.models import Fund, FundCommitment, FundInvestment

pytestmark = pytest.mark.django_db


def test_every_fund_admin_is_scoped():
    for model in (Fund, FundCommitment, FundInvestment):
        assert isinstance(admin.site._registry[model], ScopedAdmin)


def test_the_admin_pages_open(demo_client):
    fund = Fund.objects.get(code="ZJ-GDXCL")
    for url in (
        "/admin/funds/fund/",
        f"/admin/funds/fund/{fund.pk}/change/",
        "/admin/funds/fundinvestment/",
        "/admin/funds/fundcommitment/",
    ):
        assert demo_client.get(url).status_code == 200, url
