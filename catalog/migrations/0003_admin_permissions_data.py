"""The two cataloguing roles, as groups with their permissions.

Archivists create and edit every record but neither publish nor unpublish;
editors may also publish, unpublish and delete published records. (Deleting a
published record is refused to archivists in the admin itself, since a Django
permission cannot depend on a record's status.)

Permissions are normally created after migrations run (post_migrate), so this
migration creates them first. It is idempotent: running it on a database that
already has the groups only adds what is missing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The catalog's records, frozen here as they were when the roles were defined.
MODELS = [
    "agency",
    "agencyname",
    "archivalreference",
    "contactevent",
    "document",
    "eventevidence",
    "language",
    "mention",
    "participant",
    "person",
    "personname",
    "personrole",
    "place",
    "repository",
    "roleevidence",
    "subject",
    "translation",
]
PUBLISHABLE = ["agency", "contactevent", "document", "person"]


def codenames(role: str) -> list[str]:
    names = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    names.append("view_retiredslug")
    if role == "Editor":
        names += [f"publish_{model}" for model in PUBLISHABLE]
    return names


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ("Archivist", "Editor"):
        group, _ = Group.objects.get_or_create(name=role)
        wanted = codenames(role)
        permissions = Permission.objects.filter(
            content_type__app_label="catalog", codename__in=wanted
        )
        missing = set(wanted) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {role}: {sorted(missing)}")
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0002_admin_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
