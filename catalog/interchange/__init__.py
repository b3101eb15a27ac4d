"""CSV interchange: the whole catalog out to a folder of CSV files and back in.

``schema`` declares the format, ``exporter`` and ``importer`` are the fast paths used by the
``export_catalog`` and ``import_catalog`` commands, ``resources`` gives the admin
django-import-export resources built from the same declarations, ``datapackage`` describes
an export for Frictionless tools, ``synthetic`` makes large catalogs for benchmarks.
"""
