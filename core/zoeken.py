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
- admin lists whose search finds BSNs (`BsnZoekenAdminMixin`) search the same way.
"""

import secrets

from django.contrib.admin.views.main import (  # type: ignore[attr-defined]  # not in django-stubs
    IS_FACETS_VAR,
    SEARCH_VAR,
    ChangeList,
)
from django.http import QueryDict
from django.shortcuts import redirect

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


def zoek_url(request, geheim_velden: tuple[str, ...], post: QueryDict) -> str:
    """The query string ('?…') of the search a filter form posted; the values of
    `geheim_velden` stay in the session, the URL gets a token."""
    query = post.copy()
    for veld in ("csrfmiddlewaretoken", "page", ZOEKOPDRACHT):
        query.pop(veld, None)
    geheim = {}
    for veld in geheim_velden:
        waarde = (query.pop(veld, None) or [""])[-1].strip()
        if waarde:
            geheim[veld] = waarde
    for veld, waarden in list(query.lists()):  # empty fields make no URL noise
        query.setlist(veld, [w for w in waarden if w.strip()])
    if geheim:
        query[ZOEKOPDRACHT] = _token(request, geheim)
    return "?" + query.urlencode()


def bewaard(request, token: str) -> dict[str, str]:
    """The secret values of the session's search `token` ({} when unknown)."""
    return request.session.get(SESSIE, {}).get(token, {}) if token else {}


def filter_data(request, filterset_class, query: QueryDict) -> QueryDict:
    """`query` without its secret fields, with those of the search it names."""
    data = query.copy()
    for veld in geheime_velden(filterset_class):
        data.pop(veld, None)
    for veld, waarde in bewaard(request, data.pop(ZOEKOPDRACHT, [""])[-1]).items():
        data[veld] = waarde
    return data


def zonder_geheim(filterset_class, query: QueryDict) -> QueryDict:
    """`query` without secret fields: what links (pages, exports) may carry."""
    query = query.copy()
    for veld in geheime_velden(filterset_class):
        query.pop(veld, None)
    return query


class _ZoekendeChangeList(ChangeList):
    """The admin's list, searched with the session's search (`?zoekopdracht=`) and
    never with a search term from the URL; its links carry the token."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(ZOEKOPDRACHT, None)
        return lookup_params

    def get_queryset(self, request, exclude_parameters=None):
        self.params.pop(SEARCH_VAR, None)
        self.filter_params.pop(SEARCH_VAR, None)
        self.query = bewaard(request, self.params.get(ZOEKOPDRACHT, "")).get(
            SEARCH_VAR, ""
        )
        self.remove_facet_link = self.get_query_string(remove=[IS_FACETS_VAR])
        self.add_facet_link = self.get_query_string({IS_FACETS_VAR: True})
        return super().get_queryset(request, exclude_parameters)


class BsnZoekenAdminMixin:
    """An admin whose search finds BSNs: its search form posts (templates/admin/
    search_form.html), the term stays in the session, the list's URL gets a token."""

    bsn_zoeken = True

    def get_changelist(self, request, **kwargs):
        return _ZoekendeChangeList

    def changelist_view(self, request, extra_context=None):
        zoekt = (
            request.method == "POST"
            and SEARCH_VAR in request.POST
            and "index" not in request.POST  # an admin action
            and "_save" not in request.POST  # list_editable
        )
        if zoekt:
            return redirect(
                request.path + zoek_url(request, (SEARCH_VAR,), request.POST)
            )
        return super().changelist_view(request, extra_context)
