"""The archives whose references the catalog reads: a table kept as data.

Each archive has the abbreviation the catalog stores, the names it is cited under (abbreviated,
English and in its own language), its country, the repository record it stands for (created
from this table when an import first meets it) and the grammar of its references:

- ``mfs``: MfS files after BStU practice (``BStU, MfS, HA XX, Nr. 123, Bl. 1–5``);
- ``signature``: Bundesarchiv signatures, a fonds and a file (``DY 30/IV 2/2.036/15``);
- ``fonds_file``: a fonds or collection, then the file (``PA AA, MfAA, C 1503/70``);
- ``fond_opis``: the Russian and Bulgarian scheme of fond, opis, delo (or a.e.) and list
  (``RGANI, f. 5, op. 30, d. 100, l. 12``);
- ``verbatim``: no common grammar; the reference is kept as written and flagged for review.

Adding an archive is adding a row here; parser.py reads nothing about archives elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Archive:
    abbreviation: str
    name: str
    country: str
    grammar: str
    variants: tuple[str, ...] = ()  # other names it is cited under, full or abbreviated
    parent_institution: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.abbreviation, self.name, *self.variants)


TABLE: tuple[Archive, ...] = (
    Archive(
        "BStU",
        "Stasi Records Archive",
        "Germany",
        "mfs",
        (
            "Office of the Federal Commissioner for the Stasi Records",
            "Federal Commissioner for the Records of the State Security Service of the former "
            "German Democratic Republic",
            "Der Bundesbeauftragte für die Unterlagen des Staatssicherheitsdienstes der "
            "ehemaligen Deutschen Demokratischen Republik",
            "Bundesbeauftragter für die Unterlagen des Staatssicherheitsdienstes der ehemaligen "
            "Deutschen Demokratischen Republik",
            "Bundesbeauftragte für die Unterlagen des Staatssicherheitsdienstes",
            "Bundesbeauftragter für die Unterlagen des Staatssicherheitsdienstes",
            "Stasi-Unterlagen-Archiv",
            "BStU-Archiv",
        ),
        parent_institution="Bundesarchiv",
    ),
    Archive(
        "BArch",
        "Bundesarchiv",
        "Germany",
        "signature",
        ("Federal Archives", "German Federal Archives", "BA", "Bundesarchiv Berlin"),
    ),
    Archive(
        "SAPMO-BArch",
        "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv",
        "Germany",
        "signature",
        (
            "SAPMO",
            "SAPMO-BA",
            "SAPMO BArch",
            "Foundation Archives of Parties and Mass Organizations of the GDR in the Federal "
            "Archives",
        ),
        parent_institution="Bundesarchiv",
    ),
    Archive(
        "BA-MA",
        "Bundesarchiv-Militärarchiv",
        "Germany",
        "signature",
        ("BArch-MA", "Federal Archives, Military Archives", "Military Archive, Freiburg"),
        parent_institution="Bundesarchiv",
    ),
    Archive(
        "PA AA",
        "Politisches Archiv des Auswärtigen Amts",
        "Germany",
        "fonds_file",
        (
            "PolA AA",
            "PAAA",
            "Political Archive of the Federal Foreign Office",
            "Political Archive of the Foreign Office",
            "Politisches Archiv des Auswärtigen Amtes",
        ),
    ),
    Archive(
        "RGANI",
        "Russian State Archive of Contemporary History",
        "Russia",
        "fond_opis",
        ("Rossiiskii gosudarstvennyi arkhiv noveishei istorii", "TsKhSD"),
    ),
    Archive(
        "RGASPI",
        "Russian State Archive of Socio-Political History",
        "Russia",
        "fond_opis",
        ("Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii", "RTsKhIDNI"),
    ),
    Archive("GARF", "State Archive of the Russian Federation", "Russia", "fond_opis"),
    Archive(
        "AVP RF",
        "Archive of Foreign Policy of the Russian Federation",
        "Russia",
        "fond_opis",
        ("AVPRF", "Arkhiv vneshnei politiki Rossiiskoi Federatsii"),
    ),
    Archive(
        "APRF",
        "Archive of the President of the Russian Federation",
        "Russia",
        "fond_opis",
        ("AP RF", "Arkhiv Prezidenta Rossiiskoi Federatsii"),
    ),
    Archive(
        "TsAMO",
        "Central Archive of the Ministry of Defence of the Russian Federation",
        "Russia",
        "fond_opis",
        ("TsAMO RF",),
    ),
    Archive(
        "TsDA",
        "Central State Archive of Bulgaria",
        "Bulgaria",
        "fond_opis",
        ("Tsentralen darzhaven arhiv", "Central State Archive, Sofia", "CDA"),
    ),
    Archive(
        "AMVnR",
        "Archive of the Ministry of Foreign Affairs of Bulgaria",
        "Bulgaria",
        "fond_opis",
        ("Diplomatic Archive, Sofia",),
    ),
    Archive(
        "COMDOS",
        "Committee for Disclosing the Documents of the former State Security Service",
        "Bulgaria",
        "fond_opis",
        ("AKRDOPBGDSRSBNA",),
    ),
    Archive(
        "AAN",
        "Archiwum Akt Nowych",
        "Poland",
        "fonds_file",
        ("Archive of Modern Records", "Central Archives of Modern Records, Warsaw"),
    ),
    Archive(
        "IPN",
        "Instytut Pamięci Narodowej",
        "Poland",
        "fonds_file",
        ("Institute of National Remembrance", "AIPN"),
    ),
    Archive(
        "MNL OL",
        "Magyar Nemzeti Levéltár Országos Levéltára",
        "Hungary",
        "verbatim",
        ("Hungarian National Archives", "National Archives of Hungary", "MOL", "MNL-OL"),
    ),
    Archive(
        "ÁBTL",
        "Állambiztonsági Szolgálatok Történeti Levéltára",
        "Hungary",
        "verbatim",
        ("Historical Archives of the Hungarian State Security", "ABTL"),
    ),
    Archive(
        "ANIC",
        "Arhivele Naționale Istorice Centrale",
        "Romania",
        "verbatim",
        ("Romanian National Archives", "National Archives of Romania", "ANR"),
    ),
    Archive(
        "ACNSAS",
        "Arhiva Consiliului Național pentru Studierea Arhivelor Securității",
        "Romania",
        "verbatim",
        ("Archive of the National Council for the Study of the Securitate Archives", "CNSAS"),
    ),
    Archive(
        "NA ČR",
        "Národní archiv",
        "Czech Republic",
        "verbatim",
        ("National Archives of the Czech Republic", "NA CR", "SÚA", "Národní archiv, Praha"),
    ),
    Archive(
        "ABS",
        "Archiv bezpečnostních složek",
        "Czech Republic",
        "verbatim",
        ("Security Services Archive", "Security Services Archive, Prague"),
    ),
)

BY_ABBREVIATION: dict[str, Archive] = {archive.abbreviation: archive for archive in TABLE}


def archive_named(name: str) -> Archive | None:
    """The archive cited under ``name`` (any of its names), or None."""
    wanted = " ".join(name.split()).casefold()
    for archive in TABLE:
        if any(wanted == known.casefold() for known in archive.names):
            return archive
    return None
