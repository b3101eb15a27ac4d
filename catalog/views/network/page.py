"""The network page: the whole network from the stored summary, a filtered one computed."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import Agency, ContactEvent
from catalog.views.filters import DateBoundField
from catalog.views.network.drawing import Network, draw
from catalog.views.network.edges import summarise
from catalog.views.network.stored import public_summary
from catalog.views.pages import sees_drafts


def build(visible_agencies, events, *, grouped: bool = True) -> Network:
    """The network of the ``visible_agencies`` through ``events``, computed now. Three
    queries."""
    agencies = {a.pk: a for a in visible_agencies.prefetch_related("names")}
    return draw(agencies, summarise(agencies, visible_agencies, events, grouped=grouped))


class NetworkFilter(forms.Form):
    """What the network is drawn from: a period, kinds of contact, and departments."""

    date_from = DateBoundField(label="From (year, month or day)", required=False)
    date_to = DateBoundField(label="To (year, month or day)", required=False)
    kind = forms.MultipleChoiceField(
        label="Kinds of contact",
        choices=ContactEvent.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.ChoiceField(
        label="Departments",
        choices=[("", "Counted with their agency"), ("none", "Shown separately")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].widget.attrs["placeholder"] = "1969"
        self.fields["date_to"].widget.attrs["placeholder"] = "1986-02"

    @property
    def whole(self) -> bool:
        """No period and no kinds asked for: the whole network."""
        data = self.cleaned_data
        return not (data["date_from"] or data["date_to"] or data["kind"])

    def events(self, events):
        """``events`` limited to the period and kinds asked for: an event counts when
        the time it may have happened overlaps the period."""
        data = self.cleaned_data
        if data["date_from"]:
            events = events.filter(date_latest__gte=data["date_from"][0])
        if data["date_to"]:
            events = events.filter(date_earliest__lte=data["date_to"][1])
        if data["kind"]:
            events = events.filter(kind__in=data["kind"])
        return events


def network_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = NetworkFilter(request.GET)
    events = ContactEvent.objects.visible_to(user)
    if form.is_valid():
        grouped = form.cleaned_data["group"] != "none"
        if form.whole and not sees_drafts(user):
            graph = draw(*public_summary(request, grouped))
        else:
            graph = build(Agency.objects.visible_to(user), form.events(events), grouped=grouped)
    else:
        grouped = True
        graph = build(Agency.objects.visible_to(user), events.none(), grouped=grouped)
    filtered = any(request.GET.get(name) for name in ("date_from", "date_to", "kind"))
    return render(
        request,
        "catalog/network.html",
        {"network": graph, "grouped": grouped, "form": form, "filtered": filtered},
    )
