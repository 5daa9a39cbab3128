"""The admin under the same access rule: scoped admins, and a scheme's weights saved in a safe order."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib import admin

from guatu.accounts.admin_scope import ScopedAdmin
from guatu.innovation import models
from guatu.innovation.actions import saving_order

pytestmark = pytest.mark.django_db


def test_every_innovation_model_in_the_admin_is_scoped():
    ours = [m for m in admin.site._registry if m._meta.app_label == "innovation"]
    assert len(ours) == 6  # partners, milestones, indicators and bands are inlines
    assert all(isinstance(admin.site._registry[m], ScopedAdmin) for m in ours)


def test_the_admin_pages_open(demo_client):
    output = models.PlatformOutput.objects.first()
    scheme = models.EvaluationScheme.objects.first()
    for url in ("/admin/innovation/innovationplatform/", "/admin/innovation/platformoutput/",
                f"/admin/innovation/platformoutput/{output.pk}/change/",
                f"/admin/innovation/evaluationscheme/{scheme.pk}/change/"):  # fmt: skip
        assert demo_client.get(url).status_code == 200, url


def test_weights_are_saved_lowering_first_so_no_step_passes_100():
    scheme = models.EvaluationScheme.objects.get(year=2024, platform_type__code="IRI")
    talent = scheme.indicators.get(measure="talent", kind="normal")
    papers = scheme.indicators.get(measure="papers", kind="normal")
    talent.weight, papers.weight = D(25), D(5)  # +5 and −5: the total stays 100
    assert [i.measure for i in saving_order([talent, papers])] == ["papers", "talent"]
    for row in saving_order([talent, papers]):
        row.save()
    assert scheme.normal_weights == 100
