"""The admin where archivists catalogue, one module per concern.

Importing the modules registers their admins with the default admin site, the
catalog's own (``catalog.apps.CatalogAdminSite``, grouped by what archivists do).
"""

from catalog.admin import (  # noqa: F401
    documents,
    events,
    merge,
    people,
    provenance,
    restrictions,
    vocabularies,
)
