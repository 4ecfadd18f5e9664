"""Searching on a BSN without putting it in a URL (where access logs keep it).

A FilterSet names its secret fields: `geheime_velden = ("bsn",)`. Then

- the list's filter form is sent by POST; the view keeps the secret values in the
  session under a random token and redirects to a GET URL that carries the other
  filters and `?zoekopdracht=<token>` instead (`zoek_url`). That URL pages, sorts
  and can be opened again, or shared with another tab, within the session; in
  another session the token means nothing and the list is unfiltered on it.
- a secret field in a URL is ignored (`filter_data`): a BSN typed into the
  address bar does not search.
- the API takes the value from the header `X-Filter-<Veld>` (`X-Filter-Bsn`) and
  refuses it as a query parameter (core/api/filters.py).
"""

import secrets

from django.http import QueryDict

ZOEKOPDRACHT = "zoekopdracht"
SESSIE = "zoekopdrachten"
BEWAARD = 50  # searches kept per session, the oldest go first


def geheime_velden(filterset_class) -> tuple[str, ...]:
    return tuple(getattr(filterset_class, "geheime_velden", ()))


def api_header(veld: str) -> str:
    """The request header the API reads a secret field from: bsn -> X-Filter-Bsn."""
    return f"X-Filter-{veld.capitalize()}"


def _token(request, waarden: dict[str, str]) -> str:
    """The session's token for these values: the same search keeps its token."""
    opgeslagen = dict(request.session.get(SESSIE, {}))
    for token, bewaard in opgeslagen.items():
        if bewaard == waarden:
            return token
    token = secrets.token_urlsafe(12)
    opgeslagen[token] = waarden
    while len(opgeslagen) > BEWAARD:
        opgeslagen.pop(next(iter(opgeslagen)))
    request.session[SESSIE] = opgeslagen
    return token


def zoek_url(request, filterset_class, post: QueryDict) -> str:
    """The query string ('?…') of the search a filter form posted; its secret
    values stay in the session, the URL gets a token."""
    query = post.copy()
    for veld in ("csrfmiddlewaretoken", "page", ZOEKOPDRACHT):
        query.pop(veld, None)
    geheim = {}
    for veld in geheime_velden(filterset_class):
        waarde = (query.pop(veld, None) or [""])[-1].strip()
        if waarde:
            geheim[veld] = waarde
    for veld, waarden in list(query.lists()):  # empty fields make no URL noise
        query.setlist(veld, [w for w in waarden if w.strip()])
    if geheim:
        query[ZOEKOPDRACHT] = _token(request, geheim)
    return "?" + query.urlencode()


def filter_data(request, filterset_class, query: QueryDict) -> QueryDict:
    """`query` without its secret fields, with those of the search it names."""
    data = query.copy()
    for veld in geheime_velden(filterset_class):
        data.pop(veld, None)
    token = data.pop(ZOEKOPDRACHT, [""])[-1]
    bewaard = request.session.get(SESSIE, {}).get(token, {}) if token else {}
    for veld, waarde in bewaard.items():
        data[veld] = waarde
    return data


def zonder_geheim(filterset_class, query: QueryDict) -> QueryDict:
    """`query` without secret fields: what links (pages, exports) may carry."""
    query = query.copy()
    for veld in geheime_velden(filterset_class):
        query.pop(veld, None)
    return query
