from django.urls import reverse

from core.constants import Rol

# (label, url name, roles) in display order; the base layout renders the user's part.
NAVIGATIE = [
    ("Start", "start", {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER}),
    (
        "Contracten",
        "stamgegevens:contract-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    ("Aanbieders", "stamgegevens:aanbieder-list", {Rol.GEMEENTE, Rol.BEHEERDER}),
    ("Mijn gegevens", "stamgegevens:mijn-aanbieder", {Rol.AANBIEDER}),
    (
        "Producten",
        "stamgegevens:product-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    (
        "Wijzigingsverzoeken",
        "stamgegevens:wijzigingsverzoek-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    (
        "Cliënten",
        "toewijzingen:client-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    (
        "Toewijzingen",
        "toewijzingen:toewijzing-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    (
        "Verzoeken",
        "toewijzingen:verzoek-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    ("Signalen", "toewijzingen:signaal-list", {Rol.GEMEENTE, Rol.AANBIEDER}),
    ("Meldingen", "meldingen:melding-list", {Rol.GEMEENTE, Rol.AANBIEDER}),
    (
        "Declaraties",
        "declaraties:declaratie-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    ("Afgekeurde regels", "declaraties:afgekeurde-regels", {Rol.AANBIEDER}),
    ("Rapportages", "rapportages:dashboard", {Rol.GEMEENTE, Rol.AANBIEDER}),
    (
        "Berichten",
        "berichten:bericht-list",
        {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER},
    ),
    ("Taken", "taken:taak-list", {Rol.GEMEENTE, Rol.AANBIEDER, Rol.BEHEERDER}),
    ("Beheer", "admin:index", {Rol.BEHEERDER}),
]


def navigatie(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"navigatie": []}
    items = [
        {"label": label, "url": reverse(name), "actief": request.path == reverse(name)}
        for label, name, rollen in NAVIGATIE
        if user.rol in rollen
    ]
    return {"navigatie": items}
