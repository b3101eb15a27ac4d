"""The chart of contacts per year and the timelines of events: axes that read, with
round counts and years few enough to fit a phone."""

import pytest

from catalog.models import Agency, ContactEvent
from catalog.views import timeline


@pytest.mark.parametrize(
    ("span", "most", "steps"),
    [(18, 20, (1, 5)), (18, 10, (5, 5)), (3, 10, (1, 1)), (40, 10, (5, 10)), (200, 20, (10, 50))],
)
def test_year_labels_are_round_and_every_phone_label_is_also_a_wide_one(span, most, steps):
    wide, narrow = timeline._tick_steps(span, most)
    assert (wide, narrow) == steps
    assert narrow % wide == 0
    assert span / narrow <= timeline.PHONE_LABELS and span / wide <= most


@pytest.mark.parametrize(("most", "step"), [(1, 1), (5, 1), (6, 2), (23, 5), (260, 100)])
def test_the_count_axis_has_at_most_five_round_intervals(most, step):
    assert timeline._count_step(most) == step


def test_the_chart_of_years_has_a_count_axis_and_readable_year_labels(seed):
    chart = timeline.years(ContactEvent.objects.published())
    assert (chart.first, chart.last) == (1969, 1986)
    # Five contacts may have happened in 1975, the busiest year: ticks 0 to 5.
    assert [value for value, _ in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert chart.ticks[-1][1] == 100.0
    by_year = {bar.year: bar for bar in chart.bars}
    assert by_year[1975].count == 5 and by_year[1975].height == 100.0
    assert by_year[1978].height == 20.0
    assert all(bar.label == str(bar.year) for bar in chart.bars)  # every year, when wide
    assert [bar.year for bar in chart.bars if bar.major] == [1970, 1975, 1980, 1985]


def test_the_home_page_draws_the_axes(seed, client):
    html = client.get("/").content.decode()
    chart = html[html.index('class="year-chart"') : html.index("</figure>")]
    assert "from 1969 to 1986" in chart
    assert '<li style="bottom: 40.0%"><span>2</span></li>' in chart
    assert '<span class="year-label" aria-hidden="true">1975</span>' in chart
    assert '<span class="year-label minor" aria-hidden="true">1976</span>' in chart
    assert 'href="/events/?date_from=1975&amp;date_to=1975"' in chart
    assert "1975: 5 contact events<" in chart


def test_no_chart_without_dated_events(db, client):
    assert timeline.years(ContactEvent.objects.all()) is None
    assert "No contact events are catalogued yet." in client.get("/").content.decode()


def test_a_timeline_has_its_axis_above_and_below_a_long_list(seed, client):
    events = list(
        ContactEvent.objects.filter(participants__agency=Agency.objects.get(slug="mfs"))
        .distinct()
        .order_by("date_earliest")
    )
    spans = timeline.spans(events)
    assert [(tick.year, tick.major) for tick in spans.ticks] == [
        (1970, True), (1975, True), (1980, True), (1985, True)
    ]  # fmt: skip
    html = client.get("/agencies/mfs/").content.decode()
    assert html.count('class="timeline-axis"') == 1
    assert html.count('class="timeline-axis below"') == 1
