"""The filters' selects are drawn without Django's per-option machinery, and draw exactly
what Django's options give (``QuickSelect._render_groups`` draws through them)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.views.filters import QuickSelect

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
choices = st.lists(st.tuples(st.one_of(st.none(), texts, st.integers()), texts), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    choices=choices,
    value=st.one_of(st.none(), texts, st.lists(texts, max_size=3)),
    multiple=st.booleans(),
)
def test_a_select_draws_what_djangos_options_give(choices, value, multiple):
    widget = QuickSelect(choices=choices)
    widget.allow_multiple_selected = multiple
    attrs = {"id": "id_agency", "aria-describedby": "help"}
    assert widget.render("agency", value, attrs) == widget._render_groups("agency", value, attrs)


def test_the_chosen_option_is_marked_once_and_markup_in_labels_is_escaped():
    widget = QuickSelect(choices=[("", "Any agency"), ("mfs", "MfS <&>"), ("mfs", "Again")])
    html = widget.render("agency", "mfs", {"id": "id_agency"})
    assert html.startswith('<select name="agency" id="id_agency">\n  <option value="">Any')
    assert '<option value="mfs" selected>MfS &lt;&amp;&gt;</option>' in html
    assert '<option value="mfs">Again</option>' in html
    assert html.endswith("</option>\n</select>")


def test_an_offered_agency_is_named_with_its_first_abbreviation(seed, client):
    """Read in the statement that reads the offered agencies, not per agency."""
    from catalog.models import Agency

    mfs = Agency.objects.get(slug="mfs")
    mfs.names.create(name="AAA", kind="variant")  # not an abbreviation: never shown
    html = client.get("/events/").content.decode()
    assert '<option value="mfs">Ministry for State Security (MfS)</option>' in html
    mfs.names.create(name="ZAIG", kind="abbreviation")  # after "MfS" by name
    html = client.get("/persons/").content.decode()
    assert '<option value="mfs">Ministry for State Security (MfS)</option>' in html
