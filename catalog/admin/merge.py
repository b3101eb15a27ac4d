"""Merging duplicate persons or agencies from the admin, through a confirmation page.

The action takes exactly two selected records to a page that shows, for the
record chosen to be kept, everything that will move to it; nothing changes
until the archivist confirms. Merging away a published record deletes it, so
it needs the same rights as deleting it; merging a draft into a published record
publishes the draft's content, so it needs the publish right.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from catalog.curation.merging import MergeError, Merger
from catalog.models import RetiredSlug


class MergeMixin:
    """Adds the "merge" action and its confirmation page to a person or agency admin."""

    def has_merge_permission(self, request) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(
        description="Merge the two selected %(verbose_name_plural)s", permissions=["merge"]
    )
    def merge_selected(self, request, queryset):
        # The older record is offered as the one to keep; the page lets the user switch.
        ids = sorted(queryset.values_list("pk", flat=True)[:3])
        if len(ids) != 2:
            self.message_user(
                request,
                f"Select exactly two {self.model._meta.verbose_name_plural} to merge.",
                messages.WARNING,
            )
            return None
        url = reverse(self._merge_url_name())
        return HttpResponseRedirect(f"{url}?ids={ids[0]},{ids[1]}")

    def _merge_url_name(self) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_merge"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name=f"{opts.app_label}_{opts.model_name}_merge",
            ),
            *super().get_urls(),
        ]

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        changelist = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
        )
        data = request.POST if request.method == "POST" else request.GET
        ids = [part for part in data.get("ids", "").split(",") if part.isdigit()]
        records = list(self.get_queryset(request).filter(pk__in=ids))
        if len(records) != 2:
            self.message_user(
                request, f"Select exactly two {opts.verbose_name_plural} to merge.", messages.ERROR
            )
            return HttpResponseRedirect(changelist)
        records.sort(key=lambda record: ids.index(str(record.pk)))
        survivor = next((r for r in records if str(r.pk) == data.get("survivor")), records[0])
        loser = records[1] if survivor is records[0] else records[0]
        try:
            merger = Merger.for_records(
                survivor, loser, user=request.user, may_publish=self.has_publish_permission(request)
            )
        except MergeError as err:
            self.message_user(request, str(err), messages.ERROR)
            return HttpResponseRedirect(changelist)
        refusal = merger.refusal()
        if not self.has_delete_permission(request, loser):
            refusal = f"“{loser}” is published: only an editor may merge it away. Keep it "
            refusal += "instead, or ask an editor."
        if request.method == "POST" and "confirm" in request.POST:
            if refusal:
                raise PermissionDenied(refusal)
            merger.merge()
            self.log_change(request, survivor, merger.reason)
            self.message_user(request, f"{merger.reason[0].upper()}{merger.reason[1:]}.")
            return HttpResponseRedirect(
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[survivor.pk],
                )
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge two {opts.verbose_name_plural}",
            "opts": opts,
            "records": records,
            "survivor": survivor,
            "loser": loser,
            "ids": ",".join(str(r.pk) for r in records),
            "plan": merger.plan(),
            "refusal": refusal,
            "loser_url": loser.get_absolute_url(),
        }
        return TemplateResponse(request, "admin/catalog/merge.html", context)


@admin.register(RetiredSlug)
class RetiredSlugAdmin(admin.ModelAdmin):
    """Old addresses of renamed and merged records, kept so that old links still work."""

    list_display = ["slug", "content_type", "object_id", "retired"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
