"""Restrictions in the admin: who may add, change and remove them, and what must be said.

Restrictions officers (the group made by a migration) add, change and delete restrictions;
archivists see them, read-only. Removing a restriction while it still applies, by deleting
it or by changing it so that it lifts earlier (an earlier fixed date, another rule, another
person), needs the permission ``catalog.lift_restriction_early`` and a written reason, which
the history keeps as the change reason of that version (deletions too).

Restricted passages are shown highlighted on their document's and text's pages
(``highlighted``), and the list of restrictions offers the ones lifting in the next 90 days.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog.admin.base import CatalogAdmin, CatalogTabularInline
from catalog.admin.forms import PassageForm
from catalog.models import Restriction
from catalog.restrictions import withheld
from catalog.restrictions.rules import covers, lift_day, rule_explained, target

EARLY_PERMISSION = "catalog.lift_restriction_early"
#: The history keeps a change reason of at most 100 characters.
REASON_LENGTH = 100
SOON_DAYS = 90
REASON_HELP = (
    "Why the restriction is removed before its lift day (consent given, public figure in "
    "office, an error…). Kept in the restriction's history."
)


def applies(restriction: Restriction, day: datetime.date | None = None) -> bool:
    """Does the restriction, as stored, still withhold anything on ``day`` (today)?"""
    day = day or withheld.today()
    return restriction.lifts_on is None or restriction.lifts_on > day


def lifts_earlier(before: datetime.date | None, after: datetime.date | None) -> bool:
    """Would changing the lift day from ``before`` to ``after`` lift it sooner?"""
    if after is None:
        return False
    return before is None or after < before


class LiftsFilter(admin.SimpleListFilter):
    title = "lift day"
    parameter_name = "lifts"

    def lookups(self, request, model_admin):
        return [
            ("soon", f"Within {SOON_DAYS} days"),
            ("dated", "Applies, with a lift day"),
            ("never", "Until removed"),
            ("lifted", "Lifted"),
        ]

    def queryset(self, request, queryset):
        today = withheld.today()
        value = self.value()
        if value == "soon":
            return queryset.filter(
                lifts_on__gt=today, lifts_on__lte=today + datetime.timedelta(days=SOON_DAYS)
            )
        if value == "dated":
            return queryset.filter(lifts_on__gt=today)
        if value == "never":
            return queryset.filter(lifts_on__isnull=True)
        if value == "lifted":
            return queryset.filter(lifts_on__lte=today)
        return queryset


def lifting_soon_url() -> str:
    return reverse("admin:catalog_restriction_changelist") + "?lifts=soon"


class RestrictionForm(PassageForm):
    """A restriction, its passage given by quote and occurrence; and, when a change would
    lift it before its day, the reason for that."""

    removal_reason = forms.CharField(
        label="Reason for lifting early",
        required=False,
        max_length=REASON_LENGTH,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    #: Set by the admin from the user's permissions.
    may_lift_early = False

    class Meta:
        model = Restriction
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_lifts_on = self.instance.lifts_on if self.instance.pk else None
        self.stored_applies = self.instance.pk is not None and applies(self.instance)
        self.stored_target = target(self.instance) if self.instance.pk else None

    def _post_clean(self):
        super()._post_clean()
        if not self.stored_applies or self.errors:
            return
        # Moving a restriction off what it withholds (another passage, a narrower one,
        # another person) lifts it there as surely as an earlier day does.
        moved = not covers(self.stored_target, target(self.instance))
        if not (moved or lifts_earlier(self.stored_lifts_on, lift_day(self.instance))):
            return
        what = (
            "release what the restriction withholds now (it would withhold something else)"
            if moved
            else "lift the restriction"
        )
        if not self.may_lift_early:
            self.add_error(
                None,
                f"This change would {what} before its lift day: only a restrictions officer "
                "may do that.",
            )
        elif not (self.cleaned_data.get("removal_reason") or "").strip():
            self.add_error(
                "removal_reason",
                f"This change would {what} before its lift day: say why.",
            )

    @property
    def early_removal_reason(self) -> str:
        return (self.cleaned_data.get("removal_reason") or "").strip()


class RestrictionDeleteForm(forms.Form):
    removal_reason = forms.CharField(
        label="Reason for lifting early",
        max_length=REASON_LENGTH,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": "The restriction still applies: say why it is removed."},
    )


@admin.register(Restriction)
class RestrictionAdmin(CatalogAdmin):
    form = RestrictionForm
    list_display = ["scope", "what", "reason", "rule", "lifts_on", "decided_by"]
    list_filter = ["scope", "reason", LiftsFilter, "rule"]
    list_select_related = ["person", "document", "translation", "scan_page", "decided_by"]
    search_fields = [
        "quote",
        "note",
        "person__preferred_name",
        "person__slug",
        "document__title",
        "document__slug",
        "document__publisher_record_id",
    ]
    autocomplete_fields = ["document", "translation", "person", "scan_page"]
    readonly_fields = ["start", "end", "lift_reading", "decided_by", "decided_on"]
    fieldsets = [
        (
            "What is withheld",
            {
                "fields": [
                    "scope",
                    "document",
                    "translation",
                    "quote",
                    "occurrence",
                    ("start", "end"),
                    "person",
                    "scan_page",
                ]
            },
        ),
        ("Why", {"fields": ["reason", "note", "legal_basis"]}),
        ("Until when", {"fields": ["rule", "lift_date", "lift_reading"]}),
        ("Decision", {"fields": ["decided_by", "decided_on", "removal_reason"]}),
    ]
    actions = None  # no bulk deletion: each early removal has its own reason
    delete_confirmation_template = "admin/catalog/restriction/delete_confirmation.html"

    def has_import_permission(self, request):
        # A spreadsheet could move lift days earlier without a reason: restrictions come in
        # through the admin's form, annotation files or the import_catalog command.
        return False

    @admin.display(description="what", ordering="quote")
    def what(self, obj):
        return obj.subject_label()

    @admin.display(description="lift day as computed")
    def lift_reading(self, obj):
        if obj is None or obj.pk is None:
            return "Computed from the rule when you save."
        return rule_explained(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.may_lift_early = request.user.has_perm(EARLY_PERMISSION)
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "document" in initial and "scope" not in initial:
            initial["scope"] = Restriction.Scope.DOCUMENT
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.decided_by = request.user
        reason = getattr(form, "early_removal_reason", "")
        if change and reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if obj is not None and applies(obj):
            if not request.user.has_perm(EARLY_PERMISSION):
                raise PermissionDenied
            reason_form = RestrictionDeleteForm(request.POST or None)
            if request.method == "POST" and not reason_form.is_valid():
                # Shown again, with the error, rather than deleted.
                request.POST = QueryDict()
            elif request.method == "POST":
                request._restriction_removal_reason = reason_form.cleaned_data["removal_reason"]
            context["reason_form"] = reason_form
            context["lifts_on"] = obj.lifts_on
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj):
        reason = getattr(request, "_restriction_removal_reason", "")
        obj._change_reason = reason.strip() or "deleted after its lift day"
        obj._history_user = request.user
        super().delete_model(request, obj)


# --- restricted passages shown on their document's and text's pages ----------------------


def _tooltip(restriction: Restriction) -> str:
    until = (
        f"withheld until {restriction.lifts_on:%-d %B %Y}"
        if restriction.lifts_on
        else "withheld until removed"
    )
    return f"{restriction.get_reason_display()}: {until}"


def highlighted(translation, restrictions) -> str:
    """The text of ``translation`` with each restricted passage in a <mark> whose title gives
    its reason and lift day; everything escaped."""
    text = translation.text or ""
    spans = sorted(
        (r for r in restrictions if r.start is not None and r.end is not None),
        key=lambda r: (r.start, r.end),
    )
    pieces, position = [], 0
    for restriction in spans:
        start = max(restriction.start, position)
        if start >= restriction.end:
            continue
        pieces.append(format_html("{}", text[position:start]))
        pieces.append(
            format_html(
                '<mark class="restricted" title="{}">{}</mark>',
                _tooltip(restriction),
                text[start : restriction.end],
            )
        )
        position = restriction.end
    pieces.append(format_html("{}", text[position:]))
    return _joined(pieces)


def _joined(pieces) -> str:
    """Safe pieces of HTML as one (each was built with format_html)."""
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def legend() -> str:
    return format_html(
        '<p class="restriction-legend"><mark class="restricted">{}</mark> passages are '
        "withheld from the public: hover over one for its reason and lift day.</p>",
        "Marked",
    )


def restricted_texts(document) -> str:
    """Each text of ``document`` that has restricted passages, highlighted, with a legend and
    the list of what is withheld; or a sentence saying nothing is."""
    if document is None or document.pk is None:
        return "—"
    restrictions = list(
        Restriction.objects.filter(document=document).select_related("person", "translation")
    )
    if not restrictions:
        return "Nothing in this document is restricted."
    by_text: dict[int, list[Restriction]] = {}
    for restriction in restrictions:
        if restriction.scope == Restriction.Scope.PASSAGE and restriction.translation_id:
            by_text.setdefault(restriction.translation_id, []).append(restriction)
    listed = format_html_join(
        "",
        "<li>{} — {} ({})</li>",
        ((str(r), r.get_reason_display(), _tooltip(r).split(": ", 1)[1]) for r in restrictions),
    )
    blocks = []
    texts = document.translations.select_related("language").filter(pk__in=list(by_text))
    for translation in texts:
        blocks.append(
            format_html(
                '<h3>{} ({})</h3><div class="restricted-text" tabindex="0" role="region" '
                'aria-label="{} with restricted passages marked">{}</div>',
                translation.get_kind_display(),
                translation.language,
                translation.get_kind_display(),
                highlighted(translation, by_text[translation.pk]),
            )
        )
    return format_html(
        '<div class="restrictions-shown">{}<ul>{}</ul>{}</div>',
        legend(),
        listed,
        _joined(blocks),
    )


def restricted_text(translation) -> str:
    if translation is None or translation.pk is None:
        return "—"
    restrictions = list(
        Restriction.objects.filter(translation=translation, scope=Restriction.Scope.PASSAGE)
    )
    if not restrictions:
        return "No passage of this text is restricted."
    return format_html(
        '<div class="restrictions-shown">{}<div class="restricted-text" tabindex="0" '
        'role="region" aria-label="The text with restricted passages marked">{}</div></div>',
        legend(),
        highlighted(translation, restrictions),
    )


class RestrictionInline(CatalogTabularInline):
    """A document's restrictions, listed on its page; each is changed or removed on its own
    page, where an early removal asks for its reason."""

    model = Restriction
    fk_name = "document"
    extra = 0
    show_change_link = True
    fields = ["scope", "what", "person", "reason", "rule", "lifts_on"]
    readonly_fields = fields
    verbose_name_plural = "restrictions (withheld from the public)"

    @admin.display(description="what")
    def what(self, obj):
        return obj.subject_label()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "translation", "document")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
