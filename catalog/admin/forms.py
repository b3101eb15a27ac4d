"""Forms for cataloguing: passages located by their quote, and required inline rows.

An archivist cannot count characters. A mention or a piece of evidence is
entered as its quote, copied from the text, and, when the quote occurs more than
once, which occurrence is meant; the form finds the span. Start and end are
shown read-only.
"""

from django import forms
from django.forms.models import BaseInlineFormSet

from catalog.admin.versions import VersionedModelForm
from catalog.curation.passages import (
    OccurrenceNotFound,
    QuoteNotFound,
    locate_quote,
    occurrence_of,
    occurrences_in_context,
)

OCCURRENCE_HELP = (
    "If the quote occurs more than once in the text, which occurrence you mean: "
    "2 for the second. If you leave it empty, each occurrence is shown for you to choose."
)


class PassageForm(VersionedModelForm):
    """A passage (mention or evidence) given by its quote and occurrence in a text."""

    occurrence = forms.IntegerField(
        min_value=1, required=False, help_text=OCCURRENCE_HELP, widget=forms.NumberInput
    )

    def __init__(self, *args, parent_translation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_translation = parent_translation
        if "quote" in self.fields:
            self.fields["quote"].widget = forms.Textarea(attrs={"rows": 2, "cols": 50})
            self.fields["quote"].help_text = (
                "Copy the words from the text, e.g. 'Minister Mielke'. Line breaks and "
                "spacing need not match; the span is found when you save."
            )
        instance = self.instance
        if instance.pk and instance.quote and instance.translation_id:
            translation = parent_translation or instance.translation
            self.initial.setdefault(
                "occurrence", occurrence_of(translation.text, instance.quote, instance.start)
            )
        self.fields["occurrence"].widget.attrs["style"] = "width: 4em"

    def passage_text(self):
        translation = self.cleaned_data.get("translation") or self.parent_translation
        return None if translation is None else translation.text

    def clean(self):
        cleaned = super().clean()
        quote = cleaned.get("quote")
        text = self.passage_text()
        if not quote or text is None:
            return cleaned
        if cleaned.get("occurrence") is None:
            shown = occurrences_in_context(text, quote)
            if len(shown) > 1:
                choices = "; ".join(f"{n}: “{context}”" for n, context in enumerate(shown, 1))
                self.add_error(
                    "occurrence",
                    f"“{quote.strip()}” occurs {len(shown)} times in the text. Enter the number "
                    f"of the one you mean: {choices}.",
                )
                return cleaned
        try:
            start, end = locate_quote(text, quote, cleaned.get("occurrence") or 1)
        except QuoteNotFound as err:
            field = "occurrence" if isinstance(err, OccurrenceNotFound) else "quote"
            self.add_error(field, str(err))
            return cleaned
        self.instance.start, self.instance.end = start, end
        # Keep the quote as the text reads, not as it was pasted.
        cleaned["quote"] = text[start:end]
        return cleaned


class PassageFormSet(BaseInlineFormSet):
    """Passages in a translation's page: the translation is the one being edited."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.fk.name == "translation":
            kwargs["parent_translation"] = self.instance
        return kwargs


class RequiredInlineFormSet(BaseInlineFormSet):
    """An inline that must keep at least one row, e.g. a contact event's participants."""

    required_message = "Add at least one."

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            raise forms.ValidationError(self.required_message)


class ParticipantFormSet(RequiredInlineFormSet):
    required_message = (
        "A contact event has at least one participant: add the person or agency taking part."
    )


class EvidenceFormSet(RequiredInlineFormSet, PassageFormSet):
    required_message = (
        "A contact event rests on at least one passage of a document: add its evidence."
    )
