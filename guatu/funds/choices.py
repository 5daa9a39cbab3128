"""The fund cluster's vocabularies: levels, kinds, structures, LP classes and phases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.projects.choices import ListLevel

# The government level that sponsors the fund (出资层级): the same levels as a project list's.
FundLevel = ListLevel


class FundKind(models.TextChoices):
    INDUSTRY = "industry", _("industry fund")
    VENTURE = "venture", _("venture capital fund")


class FundStructure(models.TextChoices):
    PARENT = "parent", _("fund of funds")
    SUB = "sub", _("sub-fund")
    DIRECT = "direct", _("direct investment fund")


class LPClass(models.TextChoices):
    """Who put the money in (出资人类别)."""

    GOV_PROVINCE = "gov_province", _("provincial government")
    GOV_CITY = "gov_city", _("municipal government")
    GOV_COUNTY = "gov_county", _("county government")
    FUND = "fund", _("a fund in the ledger")
    SOCIAL = "social", _("social capital")
    GP = "gp", _("general partner (GP)")


GOVERNMENT_CLASSES = frozenset({LPClass.GOV_PROVINCE, LPClass.GOV_CITY, LPClass.GOV_COUNTY})


class FundPhase(models.TextChoices):
    """Where a fund stands on a day, read from its dates (never stored, so never stale)."""

    PREPARING = "preparing", _("being set up")
    INVESTING = "investing", _("investment period")
    EXITING = "exiting", _("exit period")
    EXTENDED = "extended", _("extension period")
    EXPIRED = "expired", _("term ended")
    CLOSED = "closed", _("liquidated")
