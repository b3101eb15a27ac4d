"""The WCDA importer at the edges of the data: values longer than their fields, binary files."""

from pathlib import Path

import pytest

from catalog.importers.wcda import WCDAImporter
from catalog.importers.wcda_format import WCDAFormatError, decode_wcda_bytes
from catalog.models import Document
from tests.conftest import SEED_TEXT

pytestmark = pytest.mark.django_db

OLDER = Path(__file__).resolve().parent / "data" / "wcda" / "hppp_older_export.txt"
LONG = "Very Long Name " * 20  # 300 characters: more than any name field holds

# (field named in the message, line of the export it comes from, the text replaced, its stand-in)
OVERLONG = [
    ("translator", 10, "by Bernd Schaefer.", f"by {LONG.strip()}."),
    ("commissioned by", 10, "for CWIHP by", f"for {LONG.strip()} by"),
    ("subject", 22, "\nIntelligence\n", f"\n{LONG.strip()}\n"),
    ("place", 27, "\nBaghdad (Iraq)\n", f"\n{LONG.strip()} (Iraq)\n"),
    ("reference", 10, "BStU, ZA, HA X 104", f"BStU, ZA, HA X 104 {LONG}{LONG}"),
]


@pytest.mark.parametrize(("field", "line", "old", "new"), OVERLONG, ids=[o[0] for o in OVERLONG])
def test_an_overlong_value_is_rejected_naming_file_line_and_field(tmp_path, field, line, old, new):
    text = OLDER.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "long.txt"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = WCDAImporter().run([bad])
    [outcome] = report.rejected
    message = outcome.messages[0]
    assert message.startswith(f"long.txt, line {line}, {field}: “"), message
    assert "Very Long Name" in message
    assert "at most" in message
    assert Document.objects.count() == 0


def test_per_file_keeps_the_other_files_when_one_has_an_overlong_translator(tmp_path):
    text = OLDER.read_text(encoding="utf-8").replace("by Bernd Schaefer.", f"by {LONG}.")
    (tmp_path / "a-long.txt").write_text(text, encoding="utf-8")
    (tmp_path / SEED_TEXT.name).write_bytes(SEED_TEXT.read_bytes())
    report = WCDAImporter(per_file=True).run([tmp_path])
    assert [o.action for o in report.outcomes] == ["created", "rejected"]
    assert "a-long.txt, line 10, translator" in report.outcomes[1].messages[0]
    assert Document.objects.get().publisher_record_id == "122923"


def test_a_binary_file_without_nul_bytes_is_refused_naming_line_and_byte():
    data = b"February 1986\n\n**Title**\n" + bytes(range(1, 9)) * 100
    with pytest.raises(WCDAFormatError) as caught:
        decode_wcda_bytes(data, "blob.bin")
    assert str(caught.value) == (
        "blob.bin, line 4, file: not a text file (binary data: control character 0x01 at byte 25)"
    )
