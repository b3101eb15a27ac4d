"""A document's texts on its page: each with what it is and who made it, switchable, and the
original beside a translation on wide screens.

The texts come in the model's order (original, transcript, translation; then language),
so the original-language text stands first. Where the document's original language has no
published text yet, a slot says so, naming the original by its archival reference: nothing
is invented for it. A draft text (a machine-read transcript not yet corrected) is not
public: it never reaches this page (``catalog.restrictions.public.shown_texts``).
"""

from dataclasses import dataclass, field

from catalog.models import Translation

ORIGINAL_KINDS = (Translation.Kind.ORIGINAL, Translation.Kind.TRANSCRIPT)


@dataclass
class Panel:
    text: Translation
    html: str
    translator: object = None
    commissioned_by: object = None
    others: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"text-{self.text.key}"

    @property
    def label(self) -> str:
        text = self.text
        if text.kind == Translation.Kind.TRANSLATION:
            return f"Translation into {text.language.name}"
        return f"{text.get_kind_display()} ({text.language.name})"

    @property
    def original(self) -> bool:
        return self.text.kind in ORIGINAL_KINDS


@dataclass
class Slot:
    """The original-language text the catalog does not hold yet."""

    language: object
    reference: str

    anchor = "text-original-slot"

    @property
    def label(self) -> str:
        return f"Original ({self.language.name})"


@dataclass
class Texts:
    panels: list[Panel]
    slot: Slot | None

    @property
    def count(self) -> int:
        """The texts to switch between (a slot is a note after them, not a text)."""
        return len(self.panels)

    @property
    def paired(self) -> bool:
        """An original and a translation, to stand side by side."""
        return any(p.original for p in self.panels) and any(not p.original for p in self.panels)


def texts(document, annotated, credits, references) -> Texts:
    """``annotated``: (text, html) in order; ``credits``: (text, translator, commissioning
    body) as the page may link them, each text with ``visible_other_translators``."""
    people = {text.pk: (translator, body) for text, translator, body in credits}
    panels = []
    for text, html in annotated:
        translator, body = people.get(text.pk, (None, None))
        others = getattr(text, "visible_other_translators", [])
        panels.append(Panel(text, html, translator, body, others))
    return Texts(panels, _slot(document, panels, references))


def _slot(document, panels, references) -> Slot | None:
    held = {p.text.language_id for p in panels if p.original}
    for language in document.original_languages.all():
        if language.pk not in held:
            reference = references[0].as_written if references else ""
            return Slot(language, reference)
    return None
