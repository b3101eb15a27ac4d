"""Logins for the people who catalogue: archivists and editors.

The two roles are groups created by a migration (``0003``): an archivist
creates and edits records; an editor may also publish, unpublish and delete
published records. A restrictions officer (group of ``0015``) adds and removes
restrictions on personal data. Passwords are generated, shown once, and never fixed. Too
many wrong passwords lock a login out for a while (django-axes, configured in
``config.settings``); ``lockout_response`` is the page that says so.
"""

import secrets

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import render

ROLES = {"archivist": "Archivist", "editor": "Editor", "officer": "Restrictions officer"}


class AccountError(ValueError):
    """A login that cannot be created; the message says why."""


@transaction.atomic
def create_catalog_user(username: str, role: str, email: str = ""):
    """Create a staff login in the group for ``role``; return (user, generated password)."""
    User = get_user_model()
    if role not in ROLES:
        raise AccountError(f"Unknown role “{role}”: choose one of {', '.join(ROLES)}.")
    if not username.strip():
        raise AccountError("A username is required.")
    if User.objects.filter(username=username).exists():
        raise AccountError(
            f"The login “{username}” exists already; to reset its password run "
            f"`python manage.py changepassword {username}`."
        )
    group = Group.objects.filter(name=ROLES[role]).first()
    if group is None:
        raise AccountError(f"The group “{ROLES[role]}” is missing: run `python manage.py migrate`.")
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, email=email, password=password)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
    return user, password


def lockout_response(request, original_response=None, credentials=None):
    """The page shown when django-axes refuses a login after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        **admin.site.each_context(request),
        "title": "Login refused",
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, "admin/catalog/lockout.html", context, status=429)
