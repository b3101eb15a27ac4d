"""The read API under ``/api/``: Django REST framework over the public pages' visibility
rules and filter sets, described by an OpenAPI schema (drf-spectacular)."""
