"""The admin index's note of restrictions lifting in the next 90 days."""

import datetime

from django import template

from catalog.restrictions import withheld

register = template.Library()


@register.inclusion_tag("admin/catalog/restriction/lifting_soon.html", takes_context=True)
def restrictions_lifting_soon(context):
    from catalog.admin.restrictions import SOON_DAYS, lifting_soon_url
    from catalog.models import Restriction

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("catalog.view_restriction"):
        return {"shown": False}
    today = withheld.today()
    count = Restriction.objects.filter(
        lifts_on__gt=today, lifts_on__lte=today + datetime.timedelta(days=SOON_DAYS)
    ).count()
    return {"shown": True, "count": count, "days": SOON_DAYS, "url": lifting_soon_url()}
