"""Choices of the 科创平台 part."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    ACADEMICIAN = "academician", _("academician team")
    UNIVERSITY = "university", _("university or institute")
    ENTERPRISE = "enterprise", _("enterprise")
    GOVERNMENT = "government", _("government body")
    OTHER = "other", _("other partner")


class MilestoneKind(models.TextChoices):
    FOUNDED = "founded", _("founded or accredited")
    AGREEMENT = "agreement", _("agreement signed")
    JOINT_CENTRE = "joint_centre", _("joint centre set up")
    INDUSTRIALISATION = "industrialisation", _("industrialisation")
    CONTACT = "contact", _("first contact")
    OTHER = "other", _("other")


class DatePrecision(models.TextChoices):
    """How much of a date is known: the article often gives only a month (2023年12月) or a year."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class LinkRelation(models.TextChoices):
    """How a platform's result turned into a ledger project."""

    TECH_EQUITY = "tech_equity", _("technology as equity")
    INDUSTRIALISATION = "industrialisation", _("industrialisation project")
    LICENCE = "licence", _("technology transfer or licence")
    SERVICE = "service", _("technical service")
    OTHER = "other", _("other")


class IndicatorKind(models.TextChoices):
    NORMAL = "normal", _("normal")
    BONUS = "bonus", _("bonus")
    DEDUCTION = "deduction", _("deduction")


class Basis(models.TextChoices):
    """Which outputs an indicator counts: the year's, or everything since the platform was founded."""

    ANNUAL = "annual", _("this year")
    CUMULATIVE = "cumulative", _("since founding")
