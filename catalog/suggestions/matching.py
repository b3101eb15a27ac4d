"""Matching the terms an imported file names to the catalog's own.

A publisher writes a place with its country ("Baghdad (Iraq)") and may spell a term with
other capitals or accents than the catalog. A term is the catalog's when its name, folded,
is the name as written, folded; else when it is the name without the bracketed qualifier
and, if several places share that name, the one whose parent the qualifier names.
"""

from __future__ import annotations

import re

from django.db import models

from catalog.suggestions.folding import fold_name

QUALIFIED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<qualifier>[^()]+)\)\s*$")


def split_qualifier(name: str) -> tuple[str, str]:
    """("Baghdad", "Iraq") for "Baghdad (Iraq)"; (name, "") when there is no qualifier."""
    match = QUALIFIED.match(name)
    if match is None:
        return name.strip(), ""
    return match["name"].strip(), match["qualifier"].strip()


def find_term(model: type[models.Model], name: str):
    """The subject or place of the catalog that ``name`` means, or None."""
    exact = model._default_manager.filter(name=name).first()
    if exact is not None:
        return exact
    has_parent = any(f.name == "parent" for f in model._meta.fields)
    columns = ("pk", "name", "parent__name") if has_parent else ("pk", "name")
    rows = [
        (row[0], fold_name(row[1]), fold_name(row[2] or "") if has_parent else "")
        for row in model._default_manager.values_list(*columns)
    ]
    wanted = fold_name(name)
    same = [pk for pk, folded, _ in rows if folded == wanted]
    if not same:
        base, qualifier = split_qualifier(name)
        if not qualifier:
            return None
        base, qualifier = fold_name(base), fold_name(qualifier)
        named = [(pk, parent) for pk, folded, parent in rows if folded == base]
        if not named:
            return None
        within = [pk for pk, parent in named if parent == qualifier]
        same = within or [pk for pk, _ in named]
    return model._default_manager.filter(pk=same[0]).first()
