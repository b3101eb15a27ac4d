"""Importers that read records published elsewhere into the Liaison catalog."""
