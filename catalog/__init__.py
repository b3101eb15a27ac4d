"""Liaison's catalog: documents, people, agencies, contacts and their provenance."""
