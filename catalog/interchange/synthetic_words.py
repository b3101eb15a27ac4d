"""Sizes, words, names and dates the synthetic catalog draws from (see ``synthetic``).

Free of Django, so that the benchmark can read the sizes before it sets Django up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = [
    "Erich",
    "Markus",
    "Günter",
    "Jürgen",
    "Saadoun",
    "Izzat",
    "Barzan",
    "Sali",
    "Fadhil",
    "Yuri",
    "Vladimir",
    "Horst",
    "Heinz",
    "Rudolf",
    "Karl-Heinz",
    "Tariq",
    "Wolfgang",
    "Klaus",
]
LAST = [
    "Mielke",
    "Wolf",
    "Großmann",
    "Kratsch",
    "Shaker",
    "al-Douri",
    "al-Tikriti",
    "al-Amash",
    "al-Barrak",
    "Andropov",
    "Kryuchkov",
    "Dickel",
    "Scheffel",
    "Neiber",
    "Aziz",
    "Schwanitz",
    "Strauß",
    "Weiß",
]
ARABIC = {"Saadoun": "سعدون", "Izzat": "عزت", "Barzan": "برزان", "Tariq": "طارق", "Sali": "صالح"}
UNITS = [
    "HA II",
    "HA III",
    "HA VIII",
    "HA X",
    "HA XVIII",
    "HA XX",
    "HA XXII",
    "HV A",
    "ZAIG",
    "Abt. X",
    "Abt. M",
    "BdL",
    "ZKG",
    "Sekr. Neiber",
]
COUNTRIES = [
    "German Democratic Republic",
    "Iraq",
    "Soviet Union",
    "Syria",
    "Libya",
    "Czechoslovakia",
    "Poland",
    "Hungary",
    "Bulgaria",
    "Yemen",
    "Ethiopia",
    "Cuba",
]
CITIES = [
    "Berlin",
    "Baghdad",
    "Moscow",
    "Damascus",
    "Tripoli",
    "Prague",
    "Warsaw",
    "Budapest",
    "Sofia",
    "Aden",
    "Addis Ababa",
    "Havana",
    "Potsdam",
    "Leipzig",
    "Basra",
    "Mosul",
]
SUBJECTS = [
    "Intelligence cooperation",
    "Counterintelligence",
    "Signals intelligence",
    "Training of security services",
    "Terrorism",
    "Arms trade",
    "Border security",
    "Ba'ath Party",
    "Kurds",
    "Iran-Iraq War",
    "Passport control",
    "Surveillance",
]
LANGUAGES = [("de", "German"), ("en", "English"), ("ar", "Arabic"), ("ru", "Russian")]
CLASSIFICATIONS = ["Strictly Confidential", "Top Secret", "Confidential", ""]
FILLER = [
    'The "operative situation" remained tense, according to the report.',
    "Further talks were agreed; details are to follow.\nSee the annex, pp. 3-4.",
    "Cooperation covered training, equipment, and the exchange of information.",
    "-5 per cent of the budget was set aside for technical assistance.",
    "=HYPERLINK was not yet a word anyone used, but @SUM of the costs was noted.",
]


def random_edtf(rng: random.Random) -> tuple[str, str]:
    """An EDTF date of random precision, with the date as a publisher would print it."""
    year, month, day = rng.randint(1955, 1989), rng.randint(1, 12), rng.randint(1, 28)
    form = rng.randrange(7)
    if form == 0:
        return f"{year}-{month:02}-{day:02}", f"{day} {month}/{year}"
    if form == 1:
        return f"{year}-{month:02}", f"{month}/{year}"
    if form == 2:
        return f"{year}", f"{year}"
    if form == 3:
        return f"{year}?", f"{year} (?)"
    if form == 4:
        return f"{year}~", f"c. {year}"
    if form == 5:
        return f"{year}-{month:02}~/{year}-{min(month + 2, 12):02}~", f"early {year}"
    return f"{year}/..", f"from {year}"


@dataclass
class Sizes:
    documents: int = 100_000
    persons: int = 10_000
    agencies: int = 2_000
    events: int = 50_000
    mentions: int = 500_000

    @classmethod
    def for_documents(cls, documents: int) -> Sizes:
        """The default proportions, scaled to a number of documents."""
        return cls(
            documents=documents,
            persons=max(documents // 10, 5),
            agencies=max(documents // 50, 5),
            events=max(documents // 2, 2),
            mentions=documents * 5,
        )
