"""Curating records that already exist: merging duplicates, locating quoted passages."""
