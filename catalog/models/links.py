"""Retired slugs, so that old addresses and citations keep resolving."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class RetiredSlug(models.Model):
    """A slug a record no longer uses (renamed, or merged into another record)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=120)
    object_id = models.PositiveBigIntegerField(help_text="The record the old slug now leads to.")
    retired = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_retired_slug"),
        ]

    def __str__(self) -> str:
        return self.slug

    @classmethod
    def retire(cls, instance, old_slug: str) -> None:
        content_type = ContentType.objects.get_for_model(instance)
        cls.objects.update_or_create(
            content_type=content_type, slug=old_slug, defaults={"object_id": instance.pk}
        )
        # A slug in use is never also retired: the live record wins.
        cls.objects.filter(content_type=content_type, slug=instance.slug).delete()

    @classmethod
    def lookup(cls, model, slug: str):
        """The record that ``slug`` used to name, or None."""
        content_type = ContentType.objects.get_for_model(model)
        retired = cls.objects.filter(content_type=content_type, slug=slug).first()
        if retired is None:
            return None
        return model._default_manager.filter(pk=retired.object_id).first()
