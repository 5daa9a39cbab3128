"""The words of 招商引资: where an investor comes from, how a lead was found, the stages it goes through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    IN_PROVINCE = "in_province", _("in the province (省内)")
    OUT_OF_PROVINCE = "out_of_province", _("outside the province (省外)")
    OVERSEAS = "overseas", _("overseas (境外)")


class Capital(models.TextChoices):
    DOMESTIC = "domestic", _("domestic capital (内资)")
    FOREIGN = "foreign", _("foreign capital (外资)")


class Source(models.TextChoices):
    """How the lead was found (招商方式)."""

    FUND = "fund", _("through a fund (基金招商)")
    BUSINESS = "business", _("through businesses (以商招商)")
    RESIDENT = "resident", _("resident teams (驻点招商)")
    EVENT = "event", _("fairs and investment conferences (展会/招商大会)")
    INSTITUTE = "institute", _("platforms and institutes (平台/院所)")


class LeadKind(models.TextChoices):
    NEW = "new", _("new investment (新引进)")
    INCREASE = "increase", _("capital increase (增资扩产)")


class Ownership(models.TextChoices):
    """Who leads the lead: the top leader (一把手) or a leader put in charge (领导挂帅)."""

    TOP_LEADER = "top_leader", _("top leader (一把手)")
    LEADER = "leader", _("leader in charge (领导挂帅)")


class Stage(models.TextChoices):
    LEAD = "lead", _("lead (线索)")
    SCREENING = "screening", _("screening (研判)")
    NEGOTIATING = "negotiating", _("negotiating (在谈)")
    SIGNED = "signed", _("signed (签约)")
    REGISTERED = "registered", _("registered (注册)")
    LAND = "land", _("land supplied (供地)")
    STARTED = "started", _("started (开工)")
    COMPLETED = "completed", _("completed (竣工)")
    PRODUCING = "producing", _("producing (投产)")
    REACHED = "reached", _("at full output (达效)")
    SUSPENDED = "suspended", _("suspended (中止)")
    EXITED = "exited", _("exited (退出)")


class TalkKind(models.TextChoices):
    CONTACT = "contact", _("contact (接洽)")
    VISIT = "visit", _("visit (考察/拜访)")
    NEGOTIATION = "negotiation", _("negotiation (洽谈)")
    REPORT = "report", _("progress report (进展汇报)")
