"""Index the documents that exist before search arrives."""

from django.db import migrations


def build_index(apps, schema_editor):
    from catalog.search.indexer import SearchIndexer

    SearchIndexer(apps).rebuild()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search")]

    operations = [migrations.RunPython(build_index, migrations.RunPython.noop)]
