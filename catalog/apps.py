"""App configuration for the catalog."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Keep the full-text index in step with the records (catalog.search).
        from catalog.search import signals  # noqa: F401
