"""The portal's routes, walked from the URLconf, and the isolation table of object routes."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.list import MultipleObjectMixin

from core.constants import Rol


def walk(patterns, prefix=""):
    """(route, URLPattern) for every pattern under `patterns`."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


# route -> which object of the other party it is asked for; None: shared reference data.
OBJECT_ROUTES = {
    "stamgegevens/contracten/<int:pk>/": "contract",
    "stamgegevens/contracten/<int:pk>/indexeren/": "contract",
    "stamgegevens/aanbieders/<int:pk>/": "aanbieder",
    "stamgegevens/wijzigingen/<int:pk>/": "wijzigingsverzoek",
    "stamgegevens/producten/<int:pk>/": None,
    "api/^gemeenten/(?P<pk>[^/.]+)/$": None,
    "api/^aanbieders/(?P<pk>[^/.]+)/$": "aanbieder",
    "api/^producten/(?P<pk>[^/.]+)/$": None,
    "api/^contracten/(?P<pk>[^/.]+)/$": "contract",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/$": "wijzigingsverzoek",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/goedkeuren/$": "wijzigingsverzoek",
    "api/^wijzigingsverzoeken/(?P<pk>[^/.]+)/afwijzen/$": "wijzigingsverzoek",
    "berichten/<int:pk>/": "bericht",
    "berichten/<int:pk>/xml/": "bericht",
    "berichten/<int:pk>/opnieuw/": "bericht",
    "api/^berichten/(?P<pk>[^/.]+)/$": "bericht",
    "api/^berichten/(?P<pk>[^/.]+)/xml/$": "bericht",
    "api/^outbox/(?P<pk>[^/.]+)/$": "outbox",
    "api/^outbox/(?P<pk>[^/.]+)/ontvangen/$": "outbox",
    "toewijzingen/clienten/<int:pk>/": "client",
    "toewijzingen/clienten/<int:pk>/wijzigen/": "client",
    "toewijzingen/clienten/<int:pk>/toewijzing/": "client",
    "toewijzingen/clienten/<int:pk>/verzoek-om-wijziging/": "client",
    "toewijzingen/<int:pk>/": "toewijzing",
    **{
        f"toewijzingen/<int:pk>/{actie}/": "toewijzing"
        for actie in (
            "wijzigen",
            "verlengen",
            "vervangen",
            "intrekken",
            "beeindigen",
            "verhuizing",
            "overlijden",
            "start",
            "stop",
        )
    },
    "toewijzingen/verzoeken/<int:pk>/": "toewijzingsverzoek",
    "toewijzingen/signalen/<int:pk>/afhandelen/": "signaal",
    "api/^clienten/(?P<pk>[^/.]+)/$": "client",
    "api/^toewijzingen/(?P<pk>[^/.]+)/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/beeindigen/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/start/$": "toewijzing",
    "api/^toewijzingen/(?P<pk>[^/.]+)/stop/$": "toewijzing",
    "api/^leveringen/(?P<pk>[^/.]+)/$": "levering",
    "api/^verzoeken/(?P<pk>[^/.]+)/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/honoreren/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/afwijzen/$": "toewijzingsverzoek",
    "api/^verzoeken/(?P<pk>[^/.]+)/in-onderzoek/$": "toewijzingsverzoek",
    "api/^declaraties/(?P<pk>[^/.]+)/$": "declaratie",
    "api/^prestaties/(?P<pk>[^/.]+)/$": "prestatie",
    "declaraties/<int:pk>/": "declaratie",
    "declaraties/<int:pk>/proef/": "declaratie",
    "declaraties/<int:pk>/beoordelen/": "declaratie",
    "declaraties/<int:pk>/factuur/": "declaratie",
    "declaraties/<int:pk>/factuur.pdf": "declaratie",
    "declaraties/regels/<int:pk>/": "prestatie",
    "taken/<int:pk>/": "taak",
    "taken/<int:pk>/status.json": "taak",
    "taken/<int:pk>/download/": "taak",
    "taken/<int:pk>/opnieuw/": "taak",
}


def object_pk(wereld: dict, soort: str, role: str) -> int:
    """The id of that world's object; a Taak is the role's own user's."""
    if soort == "taak":
        return wereld["taken"][role]
    if soort == "signaal":
        return wereld["signalen"][role]
    if soort == "outbox":  # a message waiting for the role's own party
        return wereld["outbox"][role]
    return wereld["objects"][soort]


def object_url(route: str, pk: int) -> str:
    """The path of `route` for object `pk`."""
    path = route.replace("<int:pk>", str(pk)).replace("(?P<pk>[^/.]+)", str(pk))
    return "/" + path.replace("^", "").replace("$", "")


# Exports are background jobs (core.taken), not pages: they report progress once
# per 200 lines, so their queries grow with the rows on purpose.
ACHTERGRONDTAKEN = {
    "declaraties/afgekeurd/export.csv",
    "declaraties/afgekeurd/export.xlsx",
}

ROLLEN = (Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER)


def lijst_routes() -> dict[str, tuple[str, ...]]:
    """Every HTML and API list route, with the roles that may open it."""
    routes = {}
    for route, pattern in walk(get_resolver().url_patterns):
        if (
            route.startswith("beheer/")
            or "format" in route
            or "<" in route
            or route in ACHTERGRONDTAKEN
        ):
            continue
        view = getattr(pattern.callback, "view_class", None)
        cls = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if view is not None and issubclass(view, MultipleObjectMixin):
            rollen = view.vereiste_rollen or ROLLEN
        elif cls is not None and actions.get("get") == "list":
            route = route.replace("^", "").replace("$", "")
            rollen = ROLLEN
        else:
            continue
        routes[route] = tuple(r for r in ROLLEN if r in rollen)
    return routes
