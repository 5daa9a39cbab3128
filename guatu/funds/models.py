"""The fund cluster (产业基金): funds, their LPs' commitments, their focus industries, their investments.

Money in 万元 (`money_field`). A fund belongs to a region — the government whose cluster it is part of
(the 省高端新材料基金 is a provincial-level fund set up in 衢州, so it belongs to 衢州市) — and may sit on
a platform; its commitments and investments stand where the fund stands for access and the record.
The figures built on these rows are in `guatu.funds.figures`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guatu.accounts.roles import register
from guatu.audit.tracking import TrackedModel
from guatu.core.models import Industry, Platform, Region
from guatu.funds.choices import FundKind, FundLevel, FundPhase, FundStructure, LPClass
from guatu.funds.querysets import CommitmentQuerySet, FundQuerySet, InvestmentQuerySet
from guatu.projects.models import money_field

ZERO = Decimal(0)
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
FUND_PATHS = {"region": "fund__region", "platform": "fund__platform"}

register("funds", "funds.fund", "funds.fundfocus", "funds.fundcommitment", "funds.fundinvestment")


def date_field(verbose_name, **kwargs) -> models.DateField:
    """A date the ledger can hold (2000–2100)."""
    return models.DateField(
        verbose_name, validators=[MinValueValidator(DATE_MIN), MaxValueValidator(DATE_MAX)], **kwargs
    )


def within(region: Region | None, home: Region | None) -> bool:
    """Whether `region` is `home` or inside it."""
    return bool(region and home and region.path.startswith(home.path))


class Fund(TrackedModel):
    """A government-sponsored industry or venture fund (政府出资产业投资基金) of the cluster.

    Its size is not stored: it is the sum of its commitments (认缴), so the size on any day is
    known from the commitments dated by then. Its phase (投资期/退出期/延长期) is read from its dates.
    """

    access_paths = {"region": "region", "platform": "platform"}

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=FundLevel.choices)
    kind = models.CharField(_("type"), max_length=16, choices=FundKind.choices, default=FundKind.INDUSTRY)
    structure = models.CharField(
        _("structure"), max_length=16, choices=FundStructure.choices, default=FundStructure.DIRECT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The fund of funds this sub-fund was set up under, if it is in the ledger."),
    )
    manager = models.CharField(_("manager"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="funds",
        help_text=_("The government whose fund cluster the fund belongs to."),
    )
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), null=True, blank=True, on_delete=models.PROTECT, related_name="funds"
    )
    focus_industries = models.ManyToManyField(
        Industry, verbose_name=_("focus industries"), through="FundFocus", blank=True, related_name="funds"
    )
    approved_on = date_field(_("plan approved on"), null=True, blank=True)
    set_up_on = date_field(_("set up on"), null=True, blank=True)
    investment_end = date_field(_("investment period ends"), null=True, blank=True)
    exit_end = date_field(_("exit period ends"), null=True, blank=True)
    extension_end = date_field(_("extension period ends"), null=True, blank=True)
    closed_on = date_field(_("liquidated on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)

    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funds:fund_detail", args=[self.code])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent_id:
            errors.update(self._parent_errors())
        order = [
            ("approved_on", self.approved_on),
            ("set_up_on", self.set_up_on),
            ("investment_end", self.investment_end),
            ("exit_end", self.exit_end),
            ("extension_end", self.extension_end),
        ]
        known = [(name, day) for name, day in order if day]
        for (earlier_name, earlier), (name, day) in itertools.pairwise(known):
            if day < earlier:
                errors.setdefault(
                    name,
                    _("This date cannot be before %(field)s (%(day)s).")
                    % {"field": self._meta.get_field(earlier_name).verbose_name, "day": earlier.isoformat()},
                )
        if self.closed_on and not self.set_up_on:
            errors["closed_on"] = _("A fund that was never set up cannot be liquidated; leave it empty.")
        elif self.closed_on and self.set_up_on and self.closed_on < self.set_up_on:
            errors["closed_on"] = _("Liquidation cannot be before the set-up.")
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self) -> dict[str, str]:
        parent = self.parent
        if parent.pk == self.pk and self.pk is not None:
            return {"parent": _("A fund cannot be its own parent.")}
        if parent.structure != FundStructure.PARENT:
            return {"parent": _("The parent must be a fund of funds (母基金); %(name)s is not.") % {"name": parent}}
        seen = {self.pk}
        while parent is not None:  # a cycle would make sub-fund sums endless
            if parent.pk in seen:
                return {"parent": _("This parent would make the funds each other's parent.")}
            seen.add(parent.pk)
            parent = parent.parent
        return {}

    def phase(self, day: dt.date) -> FundPhase:
        """投资期/退出期/延长期 … on `day`, from the fund's dates."""
        if self.closed_on and self.closed_on <= day:
            return FundPhase.CLOSED
        if not self.set_up_on or self.set_up_on > day:
            return FundPhase.PREPARING
        for phase, end in ((FundPhase.INVESTING, self.investment_end), (FundPhase.EXITING, self.exit_end)):
            if end is None or day <= end:
                return phase
        if self.extension_end and day <= self.extension_end:
            return FundPhase.EXTENDED
        return FundPhase.EXPIRED


class FundFocus(TrackedModel):
    """An industry a fund focuses on (the link is recorded like every other change)."""

    access_paths = FUND_PATHS

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="focus_links")
    industry = models.ForeignKey(Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["fund__code", "industry__sort_order"]
        verbose_name = _("focus industry")
        verbose_name_plural = _("focus industries")
        constraints = [models.UniqueConstraint(fields=["fund", "industry"], name="fundfocus_unique")]

    def __str__(self) -> str:
        return f"{self.fund} · {self.industry}"


class FundCommitment(TrackedModel):
    """One LP's commitment to a fund (认缴), dated, with what it has paid in (实缴).

    A fund that grows (扩募) gets another row with the later date, so the fund's size on any day is
    the sum of the rows dated by then. `paid_in` is what this commitment has paid so far and
    `paid_in_on` the day of its latest payment; paid-in on a day counts a row once that day has come.
    An LP that is itself a fund in the ledger (a 母基金's stake in its sub-fund) names it in `lp_fund`.
    """

    access_paths = FUND_PATHS

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="commitments")
    lp_name = models.CharField(_("limited partner"), max_length=200)
    lp_class = models.CharField(_("LP class"), max_length=16, choices=LPClass.choices)
    lp_fund = models.ForeignKey(
        Fund,
        verbose_name=_("LP fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stakes",
        help_text=_("When the LP is a fund in the ledger (LP class “a fund in the ledger”)."),
    )
    committed = money_field(_("committed (10k yuan)"))
    committed_on = date_field(_("committed on"))
    paid_in = money_field(_("paid in (10k yuan)"), default=ZERO)
    paid_in_on = date_field(_("paid in on"), null=True, blank=True, help_text=_("The day of the latest payment."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["fund__code", "committed_on", "lp_name"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["fund", "lp_name", "committed_on"], name="fundcommitment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fund} · {self.lp_name} {self.committed_on}"

    @property
    def is_government(self) -> bool:
        """Government money: a government LP, or a fund in the ledger (every one is government-sponsored)."""
        from guatu.funds.choices import GOVERNMENT_CLASSES

        return self.lp_class in GOVERNMENT_CLASSES or self.lp_class == LPClass.FUND

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.lp_class == LPClass.FUND and not self.lp_fund_id:
            errors["lp_fund"] = _("Name the fund that is the LP.")
        elif self.lp_fund_id and self.lp_class != LPClass.FUND:
            errors["lp_class"] = _("An LP that is a fund in the ledger has the class “a fund in the ledger”.")
        elif self.lp_fund_id and self.lp_fund_id == self.fund_id:
            errors["lp_fund"] = _("A fund cannot be its own LP.")
        if self.committed is not None and self.committed <= ZERO:
            errors["committed"] = _("A commitment is more than zero.")
        if self.paid_in is not None and self.committed is not None and self.paid_in > self.committed:
            errors["paid_in"] = _("Paid in (%(paid)s) cannot exceed the commitment (%(committed)s).") % {
                "paid": self.paid_in,
                "committed": self.committed,
            }
        if self.paid_in and not self.paid_in_on:
            errors["paid_in_on"] = _("Give the day of the latest payment.")
        elif self.paid_in_on and not self.paid_in:
            errors["paid_in_on"] = _("Nothing is paid in; leave the day empty.")
        elif self.paid_in_on and self.committed_on and self.paid_in_on < self.committed_on:
            errors["paid_in_on"] = _("Money cannot be paid in before it was committed.")
        if errors:
            raise ValidationError(errors)


class FundInvestment(TrackedModel):
    """A fund's investment in a firm (被投企业), the project it backs, and the money it brought along.

    `co_investment`: what co-investors outside the cluster put into the same round (a cluster fund
    investing alongside records its own row, so nothing is counted twice); `investee_financing`:
    other financing the investee raised on the back of it (loans, other rounds). Their sum is the
    capital the investment leveraged (撬动). `is_local` means the investee is in the fund's region.
    """

    access_paths = FUND_PATHS

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="investments")
    investee = models.CharField(_("investee"), max_length=200)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_investments",
        help_text=_("The ledger project the investment backs, if any."),
    )
    lead = models.ForeignKey(
        "attraction.Lead",
        verbose_name=_("investment lead"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_investments",
        help_text=_("The investment lead (招商线索) the investment brought or backs, if any."),
    )
    amount = money_field(_("amount (10k yuan)"))
    invested_on = date_field(_("invested on"))
    industry = models.ForeignKey(Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region,
        verbose_name=_("investee's region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the investee is outside the regions in the ledger."),
    )
    is_local = models.BooleanField(_("local"), default=False, help_text=_("The investee is in the fund's region."))
    is_private = models.BooleanField(_("private firm"), default=False)
    is_high_tech = models.BooleanField(_("high-tech"), default=False)
    co_investment = money_field(_("co-investment (10k yuan)"), default=ZERO)
    investee_financing = money_field(_("investee financing (10k yuan)"), default=ZERO)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = InvestmentQuerySet.as_manager()

    class Meta:
        ordering = ["-invested_on", "fund__code", "investee"]
        verbose_name = _("fund investment")
        verbose_name_plural = _("fund investments")
        constraints = [
            models.UniqueConstraint(fields=["fund", "investee", "invested_on"], name="fundinvestment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fund} → {self.investee} {self.invested_on}"

    @property
    def leveraged(self) -> Decimal:
        return (self.co_investment or ZERO) + (self.investee_financing or ZERO)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.amount is not None and self.amount <= ZERO:
            errors["amount"] = _("An investment is more than zero.")
        if self.invested_on and self.invested_on > timezone.localdate():
            errors["invested_on"] = _("%(day)s is in the future.") % {"day": self.invested_on.isoformat()}
        fund = self.fund if self.fund_id else None
        if fund is not None and self.invested_on:
            if not fund.set_up_on or self.invested_on < fund.set_up_on:
                errors["invested_on"] = _("%(fund)s was not set up by %(day)s.") % {
                    "fund": fund,
                    "day": self.invested_on.isoformat(),
                }
            elif fund.closed_on and self.invested_on > fund.closed_on:
                errors["invested_on"] = _("%(fund)s was liquidated on %(closed)s.") % {
                    "fund": fund,
                    "closed": fund.closed_on.isoformat(),
                }
        if fund is not None:
            errors.update(self._local_errors(fund))
        if errors:
            raise ValidationError(errors)

    def _local_errors(self, fund: Fund) -> dict[str, str]:
        """Local means in the fund's region: the flag must agree with the investee's region."""
        region = self.region if self.region_id else None
        if region is None:
            if self.is_local:
                return {"region": _("A local investment names the investee's region.")}
            return {}
        inside = within(region, fund.region)
        if inside != self.is_local:
            message = (
                _("%(region)s is inside %(home)s, the fund's region: the investment is local.")
                if inside
                else _("%(region)s is outside %(home)s, the fund's region: the investment is not local.")
            )
            return {"is_local": message % {"region": region, "home": fund.region}}
        return {}
