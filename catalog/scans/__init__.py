"""Scanned pages of a document: how they come in, and how they are shown.

``ingest.ScanIngest`` reads image files (PNG, JPEG, TIFF) and PDFs (split into one image per
page), checks each, labels the pages from the document's archival reference (``labels``) and
stores them in Django's default storage, all or nothing. The ``attach_scans`` command and the
Document admin's upload field are thin layers over it. ``iiif`` serves them: the IIIF Image
API (static tiles), the Presentation manifest of each document, and the viewer's data.
"""
