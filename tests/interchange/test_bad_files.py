"""Files the CSV importer must refuse clearly, or take whole: encodings, huge cells, NUL."""

import codecs
import io

import pytest
from django.core.management import CommandError, call_command

from catalog.interchange.exporter import CatalogExporter
from catalog.interchange.importer import CatalogImporter
from catalog.models import Person, Subject, Translation
from tests.conftest import SEED_SLUG
from tests.interchange.fixtures import empty_catalog

HEADER = "slug,name\n"


def run(directory):
    return CatalogImporter(stderr=io.StringIO(), errors_path=directory / "e.csv").run(directory)


def write(directory, data: bytes, name="subjects.csv"):
    directory.mkdir(exist_ok=True)
    (directory / name).write_bytes(data)
    return directory


def problems(report) -> list[str]:
    return [str(p) for p in report.first_problems]


@pytest.mark.django_db
@pytest.mark.parametrize("start", [b"", codecs.BOM_UTF8])
def test_utf8_with_or_without_byte_order_mark_imports(tmp_path, start):
    folder = write(tmp_path / "in", start + (HEADER + "spionage,Spionage für Bagdad\n").encode())

    report = run(folder)

    assert report.ok, report.lines()
    assert Subject.objects.get(slug="spionage").name == "Spionage für Bagdad"


@pytest.mark.django_db
def test_a_latin1_file_is_refused_naming_the_file_and_line(tmp_path):
    text = HEADER + "ministerium,Ministerium\nbruder,Brüder im Geiste\n"
    folder = write(tmp_path / "in", text.encode("latin-1"))

    report = run(folder)

    assert problems(report) == [
        "subjects.csv, row 3, column : Line 3 is not UTF-8 (byte 0xfc, perhaps Latin-1 or "
        "Windows-1252): save it as UTF-8 (with or without byte-order mark) and import it again."
    ]
    assert report.rolled_back and not Subject.objects.exists()


@pytest.mark.django_db
def test_the_line_of_a_bad_byte_far_into_a_large_file_is_named(tmp_path):
    rows = "".join(f"subject-{n},Subject {n}\n" for n in range(5000))
    folder = write(tmp_path / "in", (HEADER + rows).encode() + b"late,Sp\xe4t\n")

    report = run(folder)

    assert problems(report)[0].startswith("subjects.csv, row 5002, column : Line 5002 is not")
    assert not Subject.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_or_utf32_file_is_refused_saying_what_it_is(tmp_path, encoding):
    folder = write(tmp_path / "in", (HEADER + "a,Ä\n").encode(encoding))

    report = run(folder)

    name = encoding.upper()
    assert problems(report) == [
        f"subjects.csv, row 1, column : This file is {name}, not UTF-8: save it as UTF-8 "
        "(with or without byte-order mark) and import it again."
    ]


@pytest.mark.django_db
def test_the_command_says_so_in_lines_without_a_traceback(tmp_path):
    folder = write(tmp_path / "in", (HEADER + "a,\xc4\n").encode("cp1252"))
    out = io.StringIO()

    with pytest.raises(CommandError, match=r"1 problem\(s\); nothing was written"):
        call_command("import_catalog", str(folder), stdout=out, stderr=io.StringIO())

    assert "subjects.csv, row 2, column : Line 2 is not UTF-8 (byte 0xc4" in out.getvalue()


def test_a_long_translation_exported_imports_back_whole(seed, tmp_path):
    translation = Translation.objects.filter(document__slug=SEED_SLUG).first()
    long_text = translation.text + "\n\n" + "Langer Absatz über Bagdad, " * 20_000
    assert len(long_text) > 2 * 131_072
    Translation.objects.filter(pk=translation.pk).update(text=long_text)
    CatalogExporter(stderr=io.StringIO()).run(tmp_path / "out")
    empty_catalog()

    report = run(tmp_path / "out")

    assert report.ok, report.lines()
    assert Translation.objects.get(document__slug=SEED_SLUG, kind=translation.kind).text == (
        long_text
    )


@pytest.mark.django_db
@pytest.mark.parametrize("cell", ["Mül\x00ler", "\x00"])
def test_a_nul_character_is_refused_naming_file_row_and_column(tmp_path, cell):
    data = f"slug,status,preferred_name\nok-person,draft,Fine\nnul-person,draft,{cell}\n"
    folder = write(tmp_path / "in", data.encode(), "persons.csv")

    report = run(folder)

    shown = cell.replace("\x00", "\\x00")
    assert problems(report) == [
        f"persons.csv, row 3, column preferred_name {shown!r}: "
        "A NUL character (\\x00) cannot be stored."
    ]
    assert not Person.objects.exists()
