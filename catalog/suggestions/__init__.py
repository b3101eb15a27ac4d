"""Suggested mentions: every known name of a person, agency or place found in the texts.

- ``folding``: case and diacritics folded, with a map back to the text's own offsets;
- ``vocabulary``: the catalog's names in one Aho-Corasick automaton (pyahocorasick), so a
  text is scanned once whatever the number of names; whole words, the longest match wins;
- ``scanner``: turns matches into ``Suggestion`` rows (and capitalised names after titles
  into candidate new persons), skipping spans with a mention or a remembered decision;
- ``review``: accepting (a mention, with its history entry), rejecting, re-pointing;
- ``associated``: the Wilson Center's "Associated People & Organizations" list;
- ``matching``: imported places and subjects matched to existing terms.
"""
