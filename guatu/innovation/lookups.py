"""Naming things by code or name, as the CLI and the API take them."""

from __future__ import annotations

from guatu.core.models import Industry, Platform, Region
from guatu.innovation.models import InnovationPlatform, PlatformType

SCOPE_MODELS = {"region": Region, "platform": Platform, "industry": Industry, "platform_type": PlatformType}


class NotFound(ValueError):
    """A name or code that matches nothing (or more than one thing) the user may see."""


def scope_from_keys(**keys: str | None) -> dict:
    """{"region": "330800", "platform_type": "产业创新研究院"} → the objects, for `InnovationPlatform.in_scope`."""
    resolved = {}
    for name, key in keys.items():
        if not key:
            continue
        model = SCOPE_MODELS[name]
        try:
            resolved[name] = model.objects.lookup(key)
        except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
            raise NotFound(f"{name}: {exc}") from None
    return resolved


def platform_named(key: str, user) -> InnovationPlatform:
    """The platform with this code or name among those `user` may see (None: the system, all)."""
    platforms = InnovationPlatform.objects.visible_to(user).select_related("platform_type", "region")
    try:
        return platforms.lookup(key)
    except (InnovationPlatform.DoesNotExist, InnovationPlatform.MultipleObjectsReturned) as exc:
        raise NotFound(str(exc)) from None
