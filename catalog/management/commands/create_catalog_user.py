"""Create an archivist's or editor's login, printing its generated password once."""

from django.core.management.base import BaseCommand, CommandError

from catalog.admin.accounts import ROLES, AccountError, create_catalog_user


class Command(BaseCommand):
    help = (
        "Create a staff login in the Archivist group (create and edit) or the Editor group "
        "(also publish, unpublish and delete published records)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--group", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")

    def handle(self, *args, **options):
        try:
            user, password = create_catalog_user(
                options["username"], options["group"], email=options["email"]
            )
        except AccountError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            f"Created the {options['group']} login '{user.username}' with the password: "
            f"{password}\nIt is shown only this once: note it now."
        )
