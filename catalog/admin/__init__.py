"""The admin where archivists catalogue, one module per concern.

Importing the modules registers their admins with the default admin site.
"""

from django.contrib import admin

from catalog.admin import documents, events, merge, people, provenance, vocabularies  # noqa: F401

admin.site.site_header = "Liaison cataloguing"
admin.site.site_title = "Liaison cataloguing"
admin.site.index_title = "Catalogue"
