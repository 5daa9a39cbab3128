"""Trees stored with a materialised path, so a subtree is one indexed prefix query.

`path` is the codes from the root down, each followed by "/": "330000/330800/330802/".
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.functions import Concat, Substr

from guatu.core.querysets import LookupQuerySet


class TreeQuerySet(LookupQuerySet):
    def subtree(self, node: TreeNode) -> TreeQuerySet:
        """The node and everything below it."""
        return self.filter(path__startswith=node.path)


class TreeNode(models.Model):
    """A node in a code-keyed tree (regions, platforms)."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        new_path = self.computed_path()
        old_path = self.path
        self.path = new_path
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                # Re-root the descendants in one UPDATE: replace the old prefix with the new one.
                type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1))
                )

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def computed_path(self) -> str:
        return (self.parent.path if self.parent else "") + f"{self.code}/"

    def ancestors(self) -> list[TreeNode]:
        """From the root down to the parent, in one query."""
        codes = self.path.strip("/").split("/")[:-1]
        by_code = {n.code: n for n in type(self).objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]
