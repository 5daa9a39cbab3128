from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    INDUSTRIAL = "industrial", _("industrial")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    SOCIAL = "social", _("social welfare")


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("preparation")
    CONSTRUCTION = "construction", _("under construction")
    COMPLETED = "completed", _("completed")
    PRODUCTION = "production", _("in production")


class ListLevel(models.TextChoices):
    PROVINCE = "province", _("provincial")
    CITY = "city", _("municipal")
    COUNTY = "county", _("county")
