"""The text format of documents exported from the Wilson Center Digital Archive (WCDA).

This package only reads the format; it imports nothing from Django. Dates and archival
references are kept as printed: catalog.dates and catalog.references interpret them. Its
modules: ``records`` (what it returns, and its error), ``decoding`` (bytes to text),
``vocabulary`` (the format's labels and patterns), ``blocks`` (sections and body blocks),
``parser`` (the parser, and ``read_wcda_file``).

An export looks like this (blank lines between the parts; "<- ..." are notes, not in the file)::

    February 28, 1986                       <- date as printed; may be "1986", "c. 1986"

    **Relations between the Ministry for    <- title between ** and **, may wrap over lines
    State Security of the GDR ...**

    Citation:                               <- labelled sections: "Label:" on its own line
                                               (a known label may also carry its value)

    "Title", February 28, 1986, Wilson Center Digital Archive, BStU, ZA, HA X 104, pp. 49-51.
    Translated for CWIHP by Bernd Schaefer.
    <https://digitalarchive.wilsoncenter.org/document/122923>     <- angle brackets optional

    Summary:
    Original Language:                      <- "German" or "German, Russian", or one a line
    Subjects Discussed: / Associated Places: / Associated People & Organizations: / Rights: /
    Credits: / Record ID: / Language: / Original Archive: / any other "Label:" line

    Contents:                               <- always the last section

    Translation - English                   <- one item a line ("Original Scan", ...)

    Berlin, 27 February 1986                <- body: optional place and date line (the date
                                               may be partial: "Berlin, early 1983"),
    Strictly Confidential                   <-   classification markings, one or several,
    [Memorandum of Conversation]            <-   editorial notes in brackets,
    Relations between the MfS ...           <-   optional heading (one line, no final stop,
                                               or the first bracketed note),
    Since 1969 counterintelligence ...      <-   paragraphs separated by blank lines; in a
                                               conversation a speaker's "NAME:" line
                                               stands before each speech

Section labels are the known ones (_SECTION_FIELDS) wherever they stand before the body, and
other Title Case "Label:" lines only where a known label follows them: a "Mielke:" line after
the last known label is a speaker in the document's text, not a section.

Line endings may be LF, CRLF or CR; a UTF-8 byte order mark is allowed. Any other encoding is
refused rather than guessed, because a wrong guess silently corrupts names.

body_text, the document text as the catalog stores it, is defined as: the blocks of the body
(the place and date line, the classifications, editorial notes, the heading and the
paragraphs, in the order of the file), each block being its lines with trailing whitespace
removed and joined by "\\n", the blocks joined by "\\n\\n". WCDARecord.paragraph_offsets()
gives where each paragraph starts.

parse_wcda() raises WCDAFormatError for input it cannot read (empty, binary, no title,
truncated, no body); oddities it can live with are returned in WCDARecord.warnings. Both have
the form "source, line N, field: message".
"""

from catalog.importers.wcda_format.decoding import decode_wcda_bytes
from catalog.importers.wcda_format.parser import parse_wcda, read_wcda_file
from catalog.importers.wcda_format.records import Citation, Located, WCDAFormatError, WCDARecord

__all__ = [
    "Citation",
    "Located",
    "WCDAFormatError",
    "WCDARecord",
    "decode_wcda_bytes",
    "parse_wcda",
    "read_wcda_file",
]
