"""App configuration for the catalog, and the admin's site.

The admin's index and sidebar show five groups (Documents, People and agencies,
Contacts, Vocabularies, System). Records that are parts of others (texts,
references, names, offices, participants, evidence, mentions) are edited on their
record's page and not listed; their own pages and autocompletes still work, for the
links that lead there. The site is defined here, not in ``catalog.admin``, because
django-admin resolves it while that package is still registering its admins.
"""

from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin import apps as admin_apps

#: The groups of the admin's index, in order, with the records each lists.
ADMIN_GROUPS = [
    (
        "Documents",
        ["catalog.Document", "catalog.Collection", "catalog.Repository", "catalog.Restriction"],
    ),
    ("People and agencies", ["catalog.Person", "catalog.Agency"]),
    ("Contacts", ["catalog.ContactEvent"]),
    ("Suggestions to review", ["catalog.Suggestion", "catalog.NewRecordSuggestion"]),
    ("Vocabularies", ["catalog.Language", "catalog.Subject", "catalog.Place"]),
]
#: The last group: logins, login attempts, retired addresses.
ADMIN_SYSTEM = "System"


class CatalogConfig(AppConfig):
    default = True
    name = "catalog"
    verbose_name = "Catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every write to the catalog changes its version, which every cache key holds
        # (catalog.caching); signals keep the full-text index in step (catalog.search), with
        # restrictions too, and restrictions' lift days in step with the dates they count
        # from (catalog.restrictions).
        from catalog.caching import version
        from catalog.restrictions import indexing  # noqa: F401
        from catalog.restrictions import signals as restriction_signals  # noqa: F401
        from catalog.scans.iiif import tiles  # noqa: F401 - a stored page's IIIF tiles
        from catalog.search import signals  # noqa: F401

        version.watch_all()


class CatalogAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the catalog's own site (``CatalogAdminSite``); named in
    INSTALLED_APPS in place of ``django.contrib.admin``."""

    default = False
    default_site = "catalog.apps.CatalogAdminSite"


class CatalogAdminSite(admin.AdminSite):
    site_header = "Liaison cataloguing"
    site_title = "Liaison cataloguing"
    index_title = "Catalogue"

    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        entries = [
            entry for app in self._build_app_dict(request).values() for entry in app["models"]
        ]
        by_label = {entry["model"]._meta.label: entry for entry in entries}
        groups = []
        for name, labels in ADMIN_GROUPS:
            listed = [by_label[label] for label in labels if label in by_label]
            if listed:
                groups.append(self._group(name, listed))
        system = [
            entry
            for label, entry in by_label.items()
            if not label.startswith("catalog.") or label == "catalog.RetiredSlug"
        ]
        if system:
            system.sort(key=lambda entry: entry["name"].lower())
            groups.append(self._group(ADMIN_SYSTEM, system))
        return groups

    @staticmethod
    def _group(name: str, entries: list[dict]) -> dict:
        return {
            "name": name,
            "app_label": name.lower().replace(" ", "-"),
            "app_url": entries[0]["admin_url"],
            "has_module_perms": True,
            "models": entries,
        }
