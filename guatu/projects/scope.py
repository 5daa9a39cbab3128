"""A scope: which projects a progress figure is about (region/platform subtree, list, industry…)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from guatu.core.models import Department, Industry, Platform, Region
from guatu.projects.models import ProjectList
from guatu.projects.querysets import ProjectQuerySet


class ScopeError(ValueError):
    """A scope option names something that does not exist (or is ambiguous)."""


QUERY_KEYS = {"region": "region", "platform": "platform", "list": "project_list", "industry": "industry",
              "department": "department"}  # fmt: skip


@dataclass(frozen=True)
class Scope:
    region: Region | None = None
    platform: Platform | None = None
    project_list: ProjectList | None = None
    industry: Industry | None = None
    department: Department | None = None

    def apply(self, projects: ProjectQuerySet, year: int) -> ProjectQuerySet:
        """Narrow `projects` to this scope; list membership is that of `year`."""
        if self.region:
            projects = projects.in_region(self.region)
        if self.platform:
            projects = projects.on_platform(self.platform)
        if self.project_list:
            projects = projects.on_list(self.project_list, year)
        if self.industry:
            projects = projects.filter(industry=self.industry)
        if self.department:
            projects = projects.filter(department=self.department)
        return projects

    def parts(self) -> list[str]:
        return [str(p) for p in (self.region, self.platform, self.project_list, self.industry, self.department) if p]

    def describe(self) -> str:
        return " · ".join(self.parts()) or str(_("All projects"))

    def as_query(self) -> dict[str, str]:
        """The scope as URL query parameters (ids), for links that keep it."""
        names = ("region", "platform", "project_list", "industry", "department")
        return {("list" if n == "project_list" else n): str(getattr(self, n).pk) for n in names if getattr(self, n)}

    @classmethod
    def from_query(cls, params) -> Scope:
        """From query parameters as the URLs name them: region, platform, list, industry, department."""
        return cls.from_keys(**{field: params.get(key) for key, field in QUERY_KEYS.items()})

    @classmethod
    def from_keys(cls, **keys: str | None) -> Scope:
        """Resolve each given code or name (region=…, platform=…, project_list=…, industry=…, department=…)."""
        models = {
            "region": Region,
            "platform": Platform,
            "project_list": ProjectList,
            "industry": Industry,
            "department": Department,
        }
        resolved = {}
        for name, key in keys.items():
            if not key:
                continue
            model = models[name]
            try:
                resolved[name] = model.objects.lookup(key)
            except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
                raise ScopeError(f"--{name.replace('project_', '')}: {exc}") from None
        return cls(**resolved)
