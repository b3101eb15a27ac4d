"""Filling in admin forms from the test client, as a browser would submit them."""

from django.db.models import Model


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [v.pk if isinstance(v, Model) else v for v in value]
    return value


def _add_form_fields(data: dict, form) -> None:
    for name in form.fields:
        value = _value(form[name])
        if value is True:
            data[form.add_prefix(name)] = "on"
        elif value is False:
            continue
        else:
            data[form.add_prefix(name)] = value


def change_form_data(response, **changes) -> dict:
    """The POST data of the admin form in ``response``, as shown, with ``changes`` applied.

    Inline rows are kept as they are; extra (empty) rows are left out. Add rows with
    ``add_inline_row``.
    """
    data: dict = {}
    _add_form_fields(data, response.context["adminform"].form)
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        formset = inline.formset
        initial = formset.initial_forms
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(initial)
        data[f"{formset.prefix}-INITIAL_FORMS"] = len(initial)
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = 0
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = 1000
        for form in initial:
            _add_form_fields(data, form)
    data.update(changes)
    return data


def add_inline_row(data: dict, prefix: str, **fields) -> dict:
    """Append a new row to the inline with ``prefix`` (e.g. 'participants')."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    return data


def inline_prefixes(response) -> list[str]:
    return [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]


def log_in_as_superuser(page) -> None:
    """Log a browser tab into the admin as a new superuser. A superuser, because the
    roles' groups come from a migration, which a browser test's emptied database may
    not hold."""
    import secrets

    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    password = secrets.token_urlsafe(12)
    get_user_model().objects.create_superuser("eva", password=password)
    page.goto("/admin/login/")
    page.fill("#id_username", "eva")
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", name="Catalogue")).to_be_visible()
