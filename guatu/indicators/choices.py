from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    YI = "亿元", _("100M yuan (亿元)")
    WAN = "万元", _("10k yuan (万元)")
    YUAN = "元", _("yuan (元)")
    PERCENT = "%", _("percent (%)")


# How many yuan one of each money unit is; values are normalised to the indicator's unit on entry.
YUAN_PER = {Unit.YI: Decimal(100_000_000), Unit.WAN: Decimal(10_000), Unit.YUAN: Decimal(1)}


class Kind(models.TextChoices):
    AMOUNT = "amount", _("cumulative amount")
    RATE = "rate", _("rate")


class RankBy(models.TextChoices):
    GROWTH = "growth", _("growth")
    LEVEL = "level", _("level")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    ANNUAL = "annual", _("annual")


class Vintage(models.TextChoices):
    PRELIMINARY = "preliminary", _("preliminary (初步核算)")
    REVISED = "revised", _("revised (修订)")
    FINAL = "final", _("final (最终核实)")


class UnitKind(models.TextChoices):
    REGION = "region", _("administrative region")
    ZONE = "zone", _("functional zone")


class ProjectMeasure(models.TextChoices):
    """Which key-project figure an investment indicator drills down to."""

    NONE = "", _("none")
    ALL = "all", _("all key projects' investment")
    INDUSTRIAL = "industrial", _("industrial key projects' investment")
