from django.db import models
from django.utils.translation import gettext_lazy as _


class ProblemType(models.TextChoices):
    LAND = "land", _("land (用地)")
    FUNDING = "funding", _("funding (资金)")
    APPROVAL = "approval", _("approval (审批)")
    ENERGY = "energy", _("energy quota (能耗)")
    ENVIRONMENT = "environment", _("environmental review (环评)")
    CONSTRUCTION = "construction", _("construction (施工)")
    OTHER = "other", _("other (其他)")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")


class Level(models.TextChoices):
    """Warning levels, most severe first."""

    RED = "red", _("red")
    YELLOW = "yellow", _("yellow")
    GREEN = "green", _("green")


class MilestoneStatus(models.TextChoices):
    MET = "met", _("met")
    UPCOMING = "upcoming", _("upcoming")
    OVERDUE = "overdue", _("overdue")
