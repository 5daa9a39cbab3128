"""Queryset verbs shared by the reference tables."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext as _

_QUOTES = re.compile(r"[“”„‟＂「」『』\"']")


def normalize_name(name: str) -> str:
    """Fold the quote styles and spaces people type, so 省“千项万亿” matches 省"千项万亿"."""
    return re.sub(r"\s+", "", _QUOTES.sub('"', name))


class LookupQuerySet(models.QuerySet):
    def lookup(self, key: str):
        """One object by code, else by name (quote styles and spaces folded).

        Raises `self.model.DoesNotExist` or `MultipleObjectsReturned` so callers can say why.
        """
        key = key.strip()
        found = list(self.filter(models.Q(code=key) | models.Q(name=key))[:2])
        if not found:
            wanted = normalize_name(key)
            found = [obj for obj in self if normalize_name(obj.name) == wanted][:2]
        if not found:
            raise self.model.DoesNotExist(
                _("No %(model)s has the code or name “%(key)s”.") % {"model": self.model._meta.verbose_name, "key": key}
            )
        if len(found) > 1:
            raise self.model.MultipleObjectsReturned(
                _("“%(key)s” matches more than one %(model)s; use the code.")
                % {"model": self.model._meta.verbose_name, "key": key}
            )
        return found[0]


class PlacedQuerySet(models.QuerySet):
    """Rows that have a place — a region and a platform, each a subtree (`path`) — and are read only as far as
    the user's scope reaches. `region_field`/`platform_field`: the lookups to the row's region and platform."""

    region_field = "region"
    platform_field = "platform"

    def visible_to(self, user):
        """The rows `user` may see (`guatu.accounts.access`); None is the system itself (CLI without --as, cron)."""
        from guatu.accounts.access import restrict

        return restrict(self, user, "view")

    def in_region(self, region):
        """The rows in `region`'s subtree (柯城区's with 衢州市)."""
        return self.filter(**{f"{self.region_field}__path__startswith": region.path})

    def on_platform(self, platform):
        """The rows on `platform`'s subtree (高新片区's with 衢州智造新城)."""
        return self.filter(**{f"{self.platform_field}__path__startswith": platform.path})
