"""Who issues the briefing and how its masthead reads (GB/T 9704: 版头, 发文机关署名, 期号, 版记)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guatu.audit.tracking import TrackedModel
from guatu.core.models import Region

DEFAULT_ISSUER = "衢州市发展和改革委员会"
DEFAULT_MASTHEAD = "重点项目建设简报"
DEFAULT_NUMBER = "{year}年第{month}期"


class Masthead(TrackedModel):
    """The issuer of the briefings of a region (and below it), the masthead's name, the issue number's
    pattern and the copy list. The most specific region wins; one without a region is the default.
    Reference data: every role reads it, the city administrator edits it (in the admin)."""

    region = models.OneToOneField(
        Region, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("region"),
        help_text=_("The briefings of this region and below it; empty: every briefing without a closer one."),
    )  # fmt: skip
    issuer = models.CharField(_("issuer"), max_length=100, default=DEFAULT_ISSUER,
                              help_text=_("发文机关: signs the briefing and is its author."))  # fmt: skip
    masthead = models.CharField(_("masthead"), max_length=40, default=DEFAULT_MASTHEAD,
                                help_text=_("版头: the red name on top of the first page."))  # fmt: skip
    number_format = models.CharField(
        _("issue number"), max_length=60, default=DEFAULT_NUMBER,
        help_text=_("期号 or 发文字号, with {year} and {month} of the period, e.g. 衢发改简〔{year}〕{month}号."),
    )  # fmt: skip
    copy_to = models.CharField(_("copy to"), max_length=300, blank=True, help_text=_("抄送, in the 版记 at the end."))

    class Meta:
        verbose_name = _("briefing masthead")
        verbose_name_plural = _("briefing mastheads")

    def __str__(self) -> str:
        return f"{self.issuer} · {self.masthead}"

    def clean(self) -> None:
        try:
            self.number_format.format(year=2024, month=11)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"number_format": _("Use {year} and {month} only, e.g. {year}年第{month}期.")}
            ) from None

    def number(self, year: int, month: int) -> str:
        return self.number_format.format(year=year, month=month)

    @classmethod
    def for_region(cls, region: Region | None) -> Masthead:
        """The masthead of the nearest region up the tree that has one, else the default (saved or not)."""
        if region is not None:
            codes = region.path.strip("/").split("/")
            found = {m.region.code: m for m in cls.objects.filter(region__code__in=codes).select_related("region")}
            for code in reversed(codes):
                if code in found:
                    return found[code]
        return cls.objects.filter(region__isnull=True).first() or cls()
