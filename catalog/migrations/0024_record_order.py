import datetime

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Coalesce


def store_date_order(apps, schema_editor):
    """Each document's date order from its stored bounds (``Document.compute_derived``), and
    each past version's, so that a version compares and restores as it was.
    After the index, not before: an index built over rows just rewritten waits on
    PostgreSQL for every older transaction to end before a query may use it."""
    order = Coalesce("date_earliest", "date_latest", Value(datetime.date.max))
    for name in ("Document", "HistoricalDocument"):
        apps.get_model("catalog", name).objects.update(date_order=order)


def analyse(apps, schema_editor):
    """Statistics for the new index: SQLite weighs an index it has none for wrongly."""
    from catalog.search.statistics import refresh_statistics

    refresh_statistics()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0023_list_facets"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="date_order",
            field=models.DateField(default=datetime.date(9999, 12, 31), editable=False),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="date_order",
            field=models.DateField(default=datetime.date(9999, 12, 31), editable=False),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                fields=["status", "date_order", "title", "id"], name="document_date_order"
            ),
        ),
        migrations.RunPython(store_date_order, migrations.RunPython.noop),
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=True),
    ]
