"""Suggest mentions: every known name in every text, for the archivists' review queue."""

from django.core.management.base import BaseCommand, CommandError

from catalog.importers.base import one_line_when_busy
from catalog.suggestions.run import SuggestError, SuggestionRun


class Command(BaseCommand):
    help = (
        "Find every name of a person, agency or place of the catalog in the texts, and "
        "capitalised names after titles that no record has, as suggestions to review in "
        "the admin. Decided suggestions are never proposed again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--document",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this document's texts (repeatable). Default: every text.",
        )
        parser.add_argument(
            "--no-titles",
            action="store_true",
            help="Do not propose new persons from names after titles and ranks.",
        )

    def handle(self, *args, **options):
        run = SuggestionRun(options["document"], titles=not options["no_titles"])
        try:
            with one_line_when_busy("suggest_mentions"):
                result = run.run()
        except SuggestError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.texts} text(s) scanned: {result.created} new suggestion(s) "
            f"({result.candidates} for names no record has), {result.dropped} outdated "
            "dropped."
        )
