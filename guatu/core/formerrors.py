"""A form's errors in words a person reads: each named by its field's label, never by its code
("invest_ytd", "__all__"). The templates' counterpart is templates/_form_errors.html."""

from __future__ import annotations

from django import forms
from django.forms.forms import NON_FIELD_ERRORS


def form_error_text(form: forms.BaseForm) -> str:
    """One line for a message: "截止日期: 此字段必填。 年份: …"; errors of the whole form come first, unnamed."""
    parts = [str(e) for e in form.errors.get(NON_FIELD_ERRORS, [])]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else name
        parts += [f"{label}: {e}" for e in errors]
    return " ".join(parts)
