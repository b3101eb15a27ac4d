"""Curating records that already exist: merging duplicates."""
