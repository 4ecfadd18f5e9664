from django import template

from meldingen import selectors

register = template.Library()


@register.inclusion_tag("meldingen/_werkvoorraad.html", takes_context=True)
def werkvoorraad(context):
    """The werkvoorraad of the logged-in user's party (start page)."""
    request = context["request"]
    return {
        "groepen": selectors.werkvoorraad(user=request.user),
        "csrf_token": context.get("csrf_token"),
        "volgende": request.get_full_path(),
    }
