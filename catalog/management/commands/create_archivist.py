"""Create the first login for `make run`: an editor, printing its generated password once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalog.admin.accounts import AccountError, create_catalog_user


class Command(BaseCommand):
    help = (
        "Create the first cataloguing login (an Editor: may catalogue and publish) with a "
        "generated password, unless it exists already."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="archivist")

    def handle(self, *args, **options):
        username = options["username"]
        if get_user_model().objects.filter(username=username).exists():
            self.stdout.write(
                f"The login '{username}' exists already; to reset its password run "
                f"`python manage.py changepassword {username}`."
            )
            return
        try:
            user, password = create_catalog_user(username, "editor")
        except AccountError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            f"Created the login '{user.username}' (Editor) with the password: {password}\n"
            "It is shown only this once: note it now."
        )
