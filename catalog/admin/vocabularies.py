"""Languages, subjects and places: the lists other records link to."""

from django.contrib import admin

from catalog.admin.base import CatalogAdmin
from catalog.models import Language, Place, Subject


@admin.register(Language)
class LanguageAdmin(CatalogAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Subject)
class SubjectAdmin(CatalogAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Place)
class PlaceAdmin(CatalogAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("name",)}
