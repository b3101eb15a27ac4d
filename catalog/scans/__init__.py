"""Scans of a document's original pages: how they come in, and how they are shown."""
