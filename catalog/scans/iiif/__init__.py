"""IIIF for the scans: the Image API 3.0 service (level 0 static tiles, ``views``, ``tiles``,
``pyramid``), the Presentation 3.0 manifest of each document (``manifest``) and what the
viewer on the document page needs (``viewer``)."""
