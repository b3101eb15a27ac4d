"""Scans of documents' original pages."""
