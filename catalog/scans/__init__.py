"""Scanned pages of a document: images and PDFs in, one stored image per page.

``ingest.ScanIngest`` reads image files (PNG, JPEG, TIFF) and PDFs (split into one image per
page), checks each, labels the pages from the document's archival reference (``labels``) and
stores them in Django's default storage, all or nothing. The ``attach_scans`` command and the
Document admin's upload field are thin layers over it.
"""
