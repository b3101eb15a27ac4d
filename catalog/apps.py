"""App configuration for the catalog."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every write to the catalog changes its version, which every cache key holds
        # (catalog.caching); signals keep the full-text index in step (catalog.search).
        from catalog.caching import version
        from catalog.search import signals  # noqa: F401

        version.watch_all()
