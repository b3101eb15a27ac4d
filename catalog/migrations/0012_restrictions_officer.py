"""The "Restrictions officer" group, and archivists' and editors' sight of restrictions.

Officers add, change and delete restrictions and may remove one before its lift day
(``lift_restriction_early``, with a written reason the admin asks for). Archivists and editors
(the groups of 0003) see restrictions, read-only. Idempotent, as 0003 is.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER = "Restrictions officer"
OFFICER_CODENAMES = [
    "add_restriction",
    "change_restriction",
    "delete_restriction",
    "view_restriction",
    "lift_restriction_early",
    # Officers find the records they restrict (read-only unless they hold another role).
    "view_document",
    "view_translation",
    "view_person",
]
VIEWERS = ["Archivist", "Editor"]


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    officer, _ = Group.objects.get_or_create(name=OFFICER)
    permissions = Permission.objects.filter(
        content_type__app_label="catalog", codename__in=OFFICER_CODENAMES
    )
    missing = set(OFFICER_CODENAMES) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for {OFFICER}: {sorted(missing)}")
    officer.permissions.add(*permissions)
    view = Permission.objects.get(content_type__app_label="catalog", codename="view_restriction")
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.add(view)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=OFFICER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0011_restrictions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
