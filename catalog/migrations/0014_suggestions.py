"""Suggested mentions, and the archivists' and editors' permissions to review them; the
other translators of a text."""

from django.contrib.auth.management import create_permissions
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


ROLES = ("Archivist", "Editor")
CODENAMES = [
    f"{action}_{model}"
    for model in ("suggestion", "newrecordsuggestion")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="catalog", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0013_collections'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Suggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.PositiveIntegerField(blank=True, null=True)),
                ('end', models.PositiveIntegerField(blank=True, null=True)),
                ('quote', models.CharField(help_text='The name as it stands in the text.', max_length=500)),
                ('name', models.CharField(help_text='The catalogued name it matched.', max_length=500)),
                ('folded_name', models.CharField(db_index=True, editable=False, max_length=500)),
                ('kind', models.CharField(choices=[('person', 'Person'), ('agency', 'Agency'), ('place', 'Place'), ('several', 'Person, agency or place'), ('new', 'No record yet')], db_index=True, max_length=10)),
                ('proposed_kind', models.CharField(blank=True, choices=[('person', 'Person'), ('agency', 'Agency'), ('place', 'Place')], help_text='For a name no record has: the kind of record to create.', max_length=10)),
                ('source', models.CharField(choices=[('text', 'Name found in the text'), ('associated', "Publisher's list of people, organisations and places"), ('title', 'Name after a title or rank (no record yet)')], default='text', max_length=12)),
                ('status', models.CharField(choices=[('open', 'Open'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], db_index=True, default='open', max_length=10)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('agency', models.ForeignKey(blank=True, help_text='The agency it names.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.agency')),
                ('candidate_agencies', models.ManyToManyField(blank=True, db_table='catalog_suggestion_agencies', related_name='+', to='catalog.agency')),
                ('candidate_persons', models.ManyToManyField(blank=True, db_table='catalog_suggestion_persons', related_name='+', to='catalog.person')),
                ('candidate_places', models.ManyToManyField(blank=True, db_table='catalog_suggestion_places', related_name='+', to='catalog.place')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mention', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.mention')),
                ('person', models.ForeignKey(blank=True, help_text='The person it names: choose another to re-point it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.person')),
                ('place', models.ForeignKey(blank=True, help_text="The place it names (accepting adds it to the document's places).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.place')),
                ('translation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='catalog.translation')),
            ],
            options={
                'ordering': ['translation', 'start', 'name'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('start__isnull', False)), fields=('translation', 'start', 'end', 'folded_name'), name='unique_suggestion_span'), models.UniqueConstraint(condition=models.Q(('start__isnull', True)), fields=('translation', 'folded_name', 'source'), name='unique_suggestion_without_span')],
            },
        ),
        migrations.CreateModel(
            name='NewRecordSuggestion',
            fields=[
            ],
            options={
                'verbose_name': 'candidate new record',
                'verbose_name_plural': 'candidate new records',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('catalog.suggestion',),
        ),
        migrations.AddField(
            model_name='translation',
            name='other_translators',
            field=models.ManyToManyField(blank=True, help_text="The other translators, when the credit names several: 'by Mark H. Doctoroff and Gary Goldberg'.", related_name='co_translations', to='catalog.person'),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
