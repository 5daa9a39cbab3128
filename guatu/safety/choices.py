from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.projects.choices import ListLevel


class HazardGrade(models.TextChoices):
    GENERAL = "general", _("general hazard (一般)")
    MAJOR = "major", _("major hazard (重大)")


class HazardStatus(models.TextChoices):
    """The loop: found → rectifying → verified → closed (销号)."""

    FOUND = "found", _("found")
    RECTIFYING = "rectifying", _("rectifying")
    VERIFIED = "verified", _("verified")
    CLOSED = "closed", _("closed (销号)")


# Who put the hazard under 挂牌督办: a government level, as a project list's.
SupervisionLevel = ListLevel


class AccidentClass(models.TextChoices):
    """The State Council's classes (国务院令第493号), least severe first."""

    GENERAL = "general", _("general (一般)")
    LARGER = "larger", _("larger (较大)")
    MAJOR = "major", _("major (重大)")
    ESPECIALLY_MAJOR = "especially_major", _("especially major (特别重大)")


class ThreatEffect(models.TextChoices):
    VETO = "veto", _("veto (一票否决)")
    WARNING = "warning", _("warning")


class ThreatKind(models.TextChoices):
    ACCIDENT = "accident", _("an accident of at least a class")
    OVERDUE_HAZARD = "overdue_hazard", _("an overdue hazard of a grade")


OPEN_STATUSES = (HazardStatus.FOUND, HazardStatus.RECTIFYING)
