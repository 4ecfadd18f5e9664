"""Column headers that sort and page numbers for the HTML lists.

    {% load lijsten %}
    {% sorteerkolom "naam" "Naam" %}                 a <th> (includes/_sorteer.html)
    {% sorteerkolom "bedrag" "Bedrag" klasse="getal" %}
    {% paginering %}                                 page numbers (includes/_pagination.html)

Links keep the list's filter (the view's `querystring`, which holds no secret search
values, see core.zoeken) and REPLACE `sortering=` and `page=` instead of adding them.
"""

from django import template
from django.http import QueryDict

from core.lists import SORTERING

register = template.Library()

PAGINA = "page"
# Page numbers shown on either side of the current page, besides the first and last.
OMGEVING = 2


def _query(context, **vervangen) -> str:
    """The list's query string with `vervangen` set (None removes a key), '?'-prefixed."""
    basis = context.get("querystring")
    if basis is None:
        request = context.get("request")
        query = request.GET.copy() if request else QueryDict(mutable=True)
    else:
        query = QueryDict(basis, mutable=True)
    for sleutel, waarde in vervangen.items():
        query.pop(sleutel, None)
        if waarde is not None:
            query[sleutel] = waarde
    tekst = query.urlencode()
    return f"?{tekst}" if tekst else "?"


@register.inclusion_tag("includes/_sorteer.html", takes_context=True)
def sorteerkolom(context, veld: str, label: str, klasse: str = ""):
    """A column header; on a sortable list a link that sorts on `veld` (again: reversed)."""
    sortering = context.get("sortering", "")
    omlaag = f"-{veld}"
    if sortering == veld:
        richting, volgende = "ascending", omlaag
    elif sortering == omlaag:
        richting, volgende = "descending", veld
    else:
        richting, volgende = "", veld
    return {
        "label": label,
        "klasse": klasse,
        "sorteerbaar": context.get("sorteerbaar", False),
        "richting": richting,
        "url": _query(context, **{SORTERING: volgende, PAGINA: None}),
    }


def paginanummers(huidig: int, laatste: int) -> list[int | None]:
    """The page numbers to show: first, last and the current one's neighbours; None is a gap."""
    nummers = {1, laatste, *range(huidig - OMGEVING, huidig + OMGEVING + 1)}
    zichtbaar = sorted(n for n in nummers if 1 <= n <= laatste)
    uitkomst: list[int | None] = []
    for nummer in zichtbaar:
        if uitkomst and nummer - uitkomst[-1] > 1:
            uitkomst.append(None)
        uitkomst.append(nummer)
    return uitkomst


@register.inclusion_tag("includes/_paginanummers.html", takes_context=True)
def paginering(context):
    """Vorige, the page numbers (with first and last), Volgende, and how many rows."""
    page_obj = context.get("page_obj")
    if not context.get("is_paginated") or page_obj is None:
        return {"tonen": False}
    laatste = page_obj.paginator.num_pages
    pagina = page_obj.number
    return {
        "tonen": True,
        "pagina": pagina,
        "laatste": laatste,
        "aantal": page_obj.paginator.count,
        "vorige": _query(context, **{PAGINA: str(pagina - 1)}) if pagina > 1 else "",
        "volgende": (
            _query(context, **{PAGINA: str(pagina + 1)}) if pagina < laatste else ""
        ),
        "nummers": [
            {"nummer": n, "url": _query(context, **{PAGINA: str(n)})}
            if n is not None
            else None
            for n in paginanummers(pagina, laatste)
        ],
    }
