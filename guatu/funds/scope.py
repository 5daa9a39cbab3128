"""Which funds and investments a figure is about: region and platform (the cockpit's), industry,
one fund (with the sub-funds under it) and the funds' level.

Region and platform choose *funds* (a government's cluster is the funds in its region subtree);
industry narrows the *investments* (flows and shares), not the funds — a fund's size has no industry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from guatu.core.models import Industry, Platform, Region
from guatu.funds.choices import FundLevel


class ScopeError(ValueError):
    """A scope option names something that does not exist (or is ambiguous)."""


@dataclass(frozen=True)
class FundScope:
    region: Region | None = None
    platform: Platform | None = None
    industry: Industry | None = None
    fund: object | None = None  # a Fund: it and the sub-funds under it
    level: str | None = None

    def funds(self, funds):
        """Narrow a Fund queryset to this scope."""
        if self.region:
            funds = funds.in_region(self.region)
        if self.platform:
            funds = funds.on_platform(self.platform)
        if self.level:
            funds = funds.filter(level=self.level)
        if self.fund is not None:
            funds = funds.filter(pk__in=subtree_ids(self.fund))
        return funds

    def investments(self, investments):
        """Narrow a FundInvestment queryset by the scope's industry (the funds are narrowed apart)."""
        return investments.filter(industry=self.industry) if self.industry else investments

    def where(self) -> str:
        """Whose funds, for a sentence: "衢州市", "衢州智造新城", a fund's name, or ""."""
        if self.fund is not None:
            return str(self.fund)
        return str(self.platform or self.region or "")

    def parts(self) -> list[str]:
        level = FundLevel(self.level).label if self.level else None
        return [str(p) for p in (self.region, self.platform, self.fund, level, self.industry) if p]

    def describe(self) -> str:
        return " · ".join(self.parts()) or str(_("All funds"))

    def as_query(self) -> dict[str, str]:
        """The scope as URL query parameters, for links that keep it."""
        out = {name: str(getattr(self, name).pk) for name in ("region", "platform", "industry") if getattr(self, name)}
        if self.fund is not None:
            out["fund"] = self.fund.code
        if self.level:
            out["level"] = self.level
        return out

    @classmethod
    def from_keys(cls, **keys: str | None) -> FundScope:
        """Resolve codes or names: region=…, platform=…, industry=…, fund=…, level=province|city|county."""
        from guatu.funds.models import Fund

        models = {"region": Region, "platform": Platform, "industry": Industry, "fund": Fund}
        resolved: dict[str, object] = {}
        for name, key in keys.items():
            if not key:
                continue
            if name == "level":
                if key not in FundLevel.values:
                    labels = {str(label): value for value, label in FundLevel.choices}
                    if key not in labels:
                        raise ScopeError(f"--level: “{key}” is not one of {', '.join(FundLevel.values)}")
                    key = labels[key]
                resolved["level"] = key
                continue
            model = models[name]
            try:
                resolved[name] = model.objects.lookup(str(key))
            except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
                raise ScopeError(f"--{name}: {exc}") from None
        return cls(**resolved)


def subtree_ids(fund) -> set[int]:
    """The fund and every sub-fund under it (children, grandchildren …)."""
    from guatu.funds.models import Fund

    children: dict[int, list[int]] = {}
    for pk, parent in Fund.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [fund.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found
