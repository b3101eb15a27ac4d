"""Property-based tests of the CSV importer: whatever the files hold, only its own report.

Hypothesis generates files (arbitrary bytes after a real header; rows of awkward text in the
columns of real files) and cells. The importer must never let an exception out: every
problem is a row of its report. The examples are split over the tests so that a run of the
suite tries more than 10,000 cases and stays within about a minute.
"""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.interchange.cells import from_cell, join_values, split_values, to_cell
from catalog.interchange.encoding import first_bad_byte, not_utf8_reason
from catalog.interchange.importer import CatalogImporter
from catalog.interchange.report import ImportReport

FILES = {
    "subjects.csv": ["slug", "name", "description"],
    "places.csv": ["slug", "name", "kind", "parent", "description"],
    "persons.csv": ["slug", "status", "preferred_name", "life_dates", "description"],
    "documents.csv": ["slug", "status", "title", "date", "summary", "subjects", "places"],
}
AWKWARD = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(",\"'|\\\r\n\t\x00 =+-@~?%/.X") + ["\ufeff", "ß", "س", "ё"]),
        st.characters(codec="utf-8"),
    ),
    max_size=24,
)
FAST = settings(deadline=None, database=None)
WITH_DATABASE = settings(
    FAST, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def import_file(name: str, data: bytes) -> ImportReport:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        return CatalogImporter(stderr=io.StringIO()).run(folder)


@pytest.mark.django_db
@settings(WITH_DATABASE, max_examples=1200)
@given(name=st.sampled_from(sorted(FILES)), body=st.binary(max_size=200), bom=st.booleans())
def test_any_bytes_after_a_real_header_give_a_report(name, body, bom):
    header = ",".join(FILES[name]).encode() + b"\n"
    report = import_file(name, (b"\xef\xbb\xbf" if bom else b"") + header + body)

    assert report.ok or report.problems


@pytest.mark.django_db
@settings(WITH_DATABASE, max_examples=1300)
@given(
    name=st.sampled_from(sorted(FILES)),
    rows=st.lists(st.lists(AWKWARD, min_size=0, max_size=8), max_size=4),
    slugs=st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), max_size=4),
)
def test_rows_of_awkward_cells_give_a_report(name, rows, slugs):
    headers = FILES[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for cells, slug in zip(rows, [*slugs, *[""] * len(rows)], strict=False):
        writer.writerow([slug or (cells[0] if cells else ""), *cells[1:]])
    report = import_file(name, out.getvalue().encode("utf-8", "surrogatepass"))

    assert report.ok or report.problems


@settings(FAST, max_examples=4000)
@given(values=st.lists(AWKWARD))
def test_cells_come_back_as_they_went_out(values):
    kept = sorted({v.strip() for v in values if v.strip()})

    assert split_values(from_cell(to_cell(join_values(kept)))) == kept
    for value in values:
        assert from_cell(to_cell(value)) == value


@settings(FAST, max_examples=3500)
@given(data=st.binary(max_size=300), chunk=st.integers(min_value=1, max_value=64))
def test_the_first_bad_byte_is_found_on_its_line(tmp_path_factory, data, chunk):
    path = tmp_path_factory.getbasetemp() / "bytes.csv"
    path.write_bytes(data)

    found = first_bad_byte(path, chunk)

    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        assert found == (data[: error.start].count(b"\n") + 1, data[error.start])
        line, reason = not_utf8_reason(path)
        assert line >= 1 and "UTF-8" in reason
    else:
        assert found is None
