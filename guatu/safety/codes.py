"""Suggested numbers for new rows: YH-2024-015 after YH-2024-014 (a person may change it)."""

from __future__ import annotations

import re


def next_code(model, prefix: str, year: int) -> str:
    head = f"{prefix}-{year}-"
    numbers = [int(m.group(1)) for code in model.objects.filter(code__startswith=head).values_list("code", flat=True)
               if (m := re.fullmatch(re.escape(head) + r"(\d+)", code))]  # fmt: skip
    return f"{head}{max(numbers, default=0) + 1:03d}"
