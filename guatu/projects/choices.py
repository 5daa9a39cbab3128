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


class ReportStatus(models.TextChoices):
    """A monthly report's place in the reporting workflow (draft → submitted → approved → locked)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")
    LOCKED = "locked", _("locked")


# The statuses whose figures count: what has been reported to the city (a draft or a returned
# report has not).
REPORTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.LOCKED)
