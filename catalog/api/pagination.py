"""Pagination of the read API's lists (a module of its own: settings name it, and it must
import without the views)."""

from rest_framework.pagination import CursorPagination


class CursorPages(CursorPagination):
    """Pages by cursor, in slug order: a harvest that follows ``next`` sees every record
    once even while records are added, and no page costs a count of the whole list."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "slug"


class TextPages(CursorPages):
    page_size = 20  # texts are long
    ordering = "id"
