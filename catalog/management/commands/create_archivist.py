"""Create the first archivist login, printing its generated password once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an archivist login with a generated password, unless it exists already."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="archivist")

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The login '{username}' exists already; to reset its password run "
                f"`python manage.py changepassword {username}`."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            f"Created the login '{username}' with the password: {password}\n"
            "It is shown only this once: note it now."
        )
