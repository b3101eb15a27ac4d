from django.db import migrations

NEW_MODELS = ["scanpage", "textpage"]


def grant_roles(apps, schema_editor):
    """Archivists and editors add, reorder and remove scanned pages and their spans in texts;
    restrictions officers see the pages, to withhold one."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    catalog = Permission.objects.filter(content_type__app_label="catalog")
    for role in ("Archivist", "Editor"):
        group = Group.objects.filter(name=role).first()
        if group is not None:
            wanted = [f"{a}_{m}" for m in NEW_MODELS for a in ("add", "change", "delete", "view")]
            group.permissions.add(*catalog.filter(codename__in=wanted))
    officer = Group.objects.filter(name="Restrictions officer").first()
    if officer is not None:
        officer.permissions.add(*catalog.filter(codename__in=["view_scanpage", "view_textpage"]))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_scans")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
