"""The publication workflow: draft and published, and who may switch between them.

Only users with the model's publish permission (``catalog.publish_<model>``,
held by the Editor group) may publish or unpublish, whether in the form, with
the bulk actions or by reverting to an old version; and only they may delete a
published record. Archivists create and correct records, which stay drafts
until an editor publishes them.
"""

from django.contrib import admin, messages
from django.utils.translation import ngettext

from catalog.admin.base import CatalogAdmin
from catalog.models import Status


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


class PublishableAdmin(CatalogAdmin):
    """Admin for records with a publication status (documents, persons, agencies, events)."""

    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(publish_permission(self.model))

    def get_import_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        return {**kwargs, "may_publish": self.has_publish_permission(request)}

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += ("status",)
        return readonly

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or not obj.is_published or self.has_publish_permission(request)

    def save_model(self, request, obj, form, change):
        # The status field is read-only for those who may not publish, but a revert to an
        # old version would carry that version's status: keep the current one instead.
        if not self.has_publish_permission(request):
            current = None
            if obj.pk is not None:
                current = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True)
                current = current.first()
            obj.status = current or Status.DRAFT
        super().save_model(request, obj, form, change)

    @admin.action(
        description="Publish the selected %(verbose_name_plural)s", permissions=["publish"]
    )
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "published")

    @admin.action(
        description="Unpublish the selected %(verbose_name_plural)s (back to draft)",
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT, "unpublished")

    def _set_status(self, request, queryset, status, verb) -> None:
        changed = 0
        # One save per record, so that each change enters the history.
        for record in queryset.exclude(status=status):
            record.status = status
            record._history_user = request.user
            record._change_reason = f"{verb} from the list"
            record.save()
            self.log_change(request, record, [{"changed": {"fields": ["Status"]}}])
            changed += 1
        opts = self.model._meta
        name = opts.verbose_name if changed == 1 else opts.verbose_name_plural
        self.message_user(
            request,
            ngettext("%(n)d %(name)s %(verb)s.", "%(n)d %(name)s %(verb)s.", changed)
            % {"n": changed, "name": name, "verb": verb},
            messages.SUCCESS if changed else messages.WARNING,
        )
