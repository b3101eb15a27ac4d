"""The table of reference forms the parser reads: the same list is in the README.

Each row is a reference as archives and the Wilson Center print it, and the parts it must be
read into; parts not named stay empty. "normalised" is the canonical form the catalog shows.
"""

import pytest

from catalog.references import parse_reference
from catalog.references.archives import TABLE, archive_named

FORMS = [
    # Stasi Records Archive (BStU), MfS grammar; abbreviated, English and German names
    ("BStU, ZA, HA X 104, pp. 49-51", "BStU, ZA, HA X, Nr. 104, pp. 49–51"),
    ("BStU, MfS, HA XXII, Nr. 136, Bl. 121", "BStU, MfS, HA XXII, Nr. 136, Bl. 121"),
    ("BStU, MfS, BV Suhl, BdL, Nr. 1246, Bl. 1–5", "BStU, MfS, BV Suhl, BdL, Nr. 1246, Bl. 1–5"),
    ("BStU, MfS, BdL/Dok., Nr. 7745, Bl. 1-10", "BStU, MfS, BdL/Dok., Nr. 7745, Bl. 1–10"),
    (
        "BStU, MfS, AIM 1234/85, Teil II, Bd. 1, Bl. 3",
        "BStU, MfS, AIM 1234/85, Teil II, Bd. 1, Bl. 3",
    ),
    ("BStU, MfS, HV A, Nr. 12, S. 12f.", "BStU, MfS, HV A, Nr. 12, S. 12–13"),
    ("BStU, MfS, ZAIG, Nr. 5, S. 4ff.", "BStU, MfS, ZAIG, Nr. 5, S. 4 ff."),
    ("BStU, MfS, Sekr. Neiber, Nr. 407, Bl. 1-9", "BStU, MfS, Sekr. Neiber, Nr. 407, Bl. 1–9"),
    ("BStU, MfS, Abt. X, Nr. 2020, p. 7", "BStU, MfS, Abt. X, Nr. 2020, p. 7"),
    ("BStU, Ast. Leipzig, AOP 123/56, Bl. 7", "BStU, Ast. Leipzig, AOP 123/56, Bl. 7"),
    (
        "Office of the Federal Commissioner for the Stasi Records (BStU), MfS, HA II, Nr. 5, p. 3",
        "BStU, MfS, HA II, Nr. 5, p. 3",
    ),
    (
        "Bundesbeauftragter für die Unterlagen des Staatssicherheitsdienstes der ehemaligen "
        "Deutschen Demokratischen Republik (BStU), MfS, HA XX, Nr. 1, Bl. 2",
        "BStU, MfS, HA XX, Nr. 1, Bl. 2",
    ),
    (
        "Bundesbeauftragter für die Unterlagen des Staatssicherheitsdienstes ... (BStU), MfS, "
        "ZAIG, Nr. 8677, Bl. 1-177",
        "BStU, MfS, ZAIG, Nr. 8677, Bl. 1–177",
    ),
    ("Stasi Records Archive, MfS, HA X, Nr. 104, pp. 49-51", "BStU, MfS, HA X, Nr. 104, pp. 49–51"),
    ("BStU, MfS, HA XX/4, Nr. 12, ff. 3-5", "BStU, MfS, HA XX/4, Nr. 12, ff. 3–5"),
    # Bundesarchiv: MfS files and signatures of every department
    ("BArch, MfS, ZAIG, Nr. 8677, Bl. 1-177", "BArch, MfS, ZAIG, Nr. 8677, Bl. 1–177"),
    ("SAPMO-BArch, DY 30/IV 2/2.036/15", "SAPMO-BArch, DY 30/IV 2/2.036/15"),
    ("SAPMO-BArch, DY 30/IV 2/2.036/15, Bl. 3-5", "SAPMO-BArch, DY 30/IV 2/2.036/15, Bl. 3–5"),
    ("BArch, DY 30/J IV 2/2/2034", "BArch, DY 30/J IV 2/2/2034"),
    ("BArch, DY 30/J IV 2/2/2034, Bl. 12f.", "BArch, DY 30/J IV 2/2/2034, Bl. 12–13"),
    ("BArch, DC 20-I/4/5121", "BArch, DC 20-I/4/5121"),
    ("BArch, DC 20-I/3/1820, S. 4", "BArch, DC 20-I/3/1820, S. 4"),
    ("BArch, DO 1/11/1234, Bd. 2, Bl. 5", "BArch, DO 1/11/1234, Bd. 2, Bl. 5"),
    ("BArch, DR 2/1234, Teil 1", "BArch, DR 2/1234, Teil 1"),
    ("Bundesarchiv, DE 1/12345, p. 4", "BArch, DE 1/12345, p. 4"),
    ("Federal Archives, DY 30/3456, pp. 1-3", "BArch, DY 30/3456, pp. 1–3"),
    ("SAPMO, DY 30/J IV 2/3/1234", "SAPMO-BArch, DY 30/J IV 2/3/1234"),
    ("BA-MA, DVW 1/25749, Bl. 12", "BA-MA, DVW 1/25749, Bl. 12"),
    ("BArch-MA, DVH 7/12345, S. 3", "BA-MA, DVH 7/12345, S. 3"),
    # Political Archive of the Foreign Office
    ("PolA AA, MfAA, C 1503/70", "PA AA, MfAA, C 1503/70"),
    ("PA AA, MfAA, C 1234/72, Bl. 5", "PA AA, MfAA, C 1234/72, Bl. 5"),
    ("Political Archive of the Foreign Office, B 150, Nr. 12, S. 3", "PA AA, B 150, 12, S. 3"),
    # Russian archives: fond, opis, delo, list
    ("RGANI, f. 5, op. 30, d. 100, l. 12", "RGANI, f. 5, op. 30, d. 100, l. 12"),
    ("RGANI, f. 89, op. 46, d. 1, ll. 1-5", "RGANI, f. 89, op. 46, d. 1, ll. 1–5"),
    ("RGASPI, f. 17, op. 162, d. 26, l. 12", "RGASPI, f. 17, op. 162, d. 26, l. 12"),
    ("GARF, f. R-9401, op. 2, d. 65, ll. 3-7", "GARF, f. R-9401, op. 2, d. 65, ll. 3–7"),
    ("AVP RF, f. 0129, op. 38, d. 12, l. 3", "AVP RF, f. 0129, op. 38, d. 12, l. 3"),
    ("APRF, f. 3, op. 65, d. 827, ll. 1-3", "APRF, f. 3, op. 65, d. 827, ll. 1–3"),
    ("TsAMO, f. 16, op. 3139, d. 151, l. 2", "TsAMO, f. 16, op. 3139, d. 151, l. 2"),
    # Bulgarian archives: fond, opis, a.e. (archival unit)
    ("TsDA, f. 1-B, op. 64, a.e. 12, l. 3", "TsDA, f. 1-B, op. 64, a.e. 12, l. 3"),
    ("AMVnR, f. 1, op. 10p, a.e. 5, l. 1-4", "AMVnR, f. 1, op. 10p, a.e. 5, l. 1–4"),
    # Polish archives: fonds, signature, karta
    ("AAN, KC PZPR, sygn. V/12, k. 3-5", "AAN, KC PZPR, V/12, k. 3–5"),
    ("IPN, BU 0296/123, t. 1, k. 3", "IPN, BU 0296/123, t. 1, k. 3"),
]


@pytest.mark.parametrize(("text", "normalised"), FORMS, ids=[form[0][:50] for form in FORMS])
def test_it_reads_each_form_into_its_parts(text: str, normalised: str) -> None:
    reference = parse_reference(text)

    assert reference.problems == ()
    assert reference.parsed
    assert reference.normalised == normalised
    assert reference.repository is not None


def test_the_table_has_forty_forms_from_the_stasi_archive_the_bundesarchiv_and_five_others():
    archives = {parse_reference(text).archive for text, _ in FORMS}
    assert len(FORMS) >= 40
    assert {"BStU", "BArch", "SAPMO-BArch"} <= archives
    assert len(archives - {"BStU", "BArch", "SAPMO-BArch", "BA-MA"}) >= 5


def test_s_12f_is_pages_12_and_13_and_12ff_has_no_end() -> None:
    following = parse_reference("BStU, MfS, HV A, Nr. 12, S. 12f.")
    onwards = parse_reference("BStU, MfS, HV A, Nr. 12, S. 12ff.")
    assert (following.page_start, following.page_end) == ("12", "13")
    assert (onwards.page_start, onwards.page_end) == ("12", "")


@pytest.mark.parametrize(
    ("text", "fonds", "file"),
    [
        ("SAPMO-BArch, DY 30/IV 2/2.036/15", "DY 30", "IV 2/2.036/15"),
        ("BArch, DY 30/J IV 2/2/2034", "DY 30", "J IV 2/2/2034"),
        ("BArch, DC 20-I/4/5121", "DC 20-I", "4/5121"),
        ("PolA AA, MfAA, C 1503/70", "MfAA", "C 1503/70"),
        ("RGANI, f. 5, op. 30, d. 100, l. 12", "f. 5", "d. 100"),
    ],
)
def test_fonds_and_file_are_read_apart(text: str, fonds: str, file: str) -> None:
    reference = parse_reference(text)
    assert (reference.collection, reference.file_number) == (fonds, file)


def test_every_archive_has_a_country_and_a_grammar_and_is_found_by_each_of_its_names():
    for archive in TABLE:
        assert archive.country
        assert archive.grammar in ("mfs", "signature", "fonds_file", "fond_opis", "verbatim")
        for name in archive.names:
            assert archive_named(name) is archive
