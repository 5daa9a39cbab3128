"""Reference data every part of guatu shares: regions, platforms, industries, departments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.core.querysets import LookupQuerySet
from guatu.core.trees import TreeNode, TreeQuerySet


class Region(TreeNode):
    """An administrative division (行政区划) with its GB/T 2260 code."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")
        COUNTY = "county", _("county")
        TOWN = "town", _("town")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)

    objects = TreeQuerySet.as_manager()

    class Meta(TreeNode.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Platform(TreeNode):
    """An industrial platform or park (产业平台/园区) that may cut across counties, with sub-areas."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The region that runs the platform."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = TreeQuerySet.as_manager()

    class Meta(TreeNode.Meta):
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")


class Industry(models.Model):
    """An industry; `flagship` marks the city's 标志性产业."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    flagship = models.BooleanField(_("flagship"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A government department that is responsible for projects (责任单位)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT)

    objects = LookupQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class DataVersion(models.Model):
    """One row whose counter database triggers raise with every change to shown data that a change
    record alone does not date (reference tables; on PostgreSQL every change record). See guatu.core.cache.
    `reference_changes` counts the reference tables' changes alone (guatu.core.watermarks: a result kept across
    writes is patched project by project only while no reference row changed)."""

    counter = models.BigIntegerField(default=0)
    reference_changes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.counter)
