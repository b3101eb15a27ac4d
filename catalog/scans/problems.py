"""The error bad scans give: the importers' ``ImportProblem``, naming the file and page."""

from __future__ import annotations

from catalog.importers.base import ImportProblem


class ScanProblem(ImportProblem):
    """``memo.pdf, page 2: This page cannot be rendered (...)``."""

    def __init__(self, source: str, message: str, page: int | None = None):
        self.source, self.line, self.message, self.page = source, None, message, page
        self.field = f"page {page}" if page is not None else "file"
        where = f"{source}, page {page}" if page is not None else source
        ValueError.__init__(self, f"{where}: {message}")
