"""Demo declaratie: October 2026 of the demo aanbieder, made from its started
toewijzingen and sent through the real services, with one line over its omvang
so the afgekeurde regels work list has something to show.

Idempotent: does nothing when the aanbieder has declaraties already.
"""

from datetime import date

from core.models import User
from declaraties import services
from declaraties.models import Declaratie

PERIODE = date(2026, 10, 1)


def load_demo_declaraties() -> dict[str, int]:
    medewerker = User.objects.get(username="aanbieder")
    if Declaratie.objects.filter(aanbieder=medewerker.aanbieder).exists():
        return {"declaraties": Declaratie.objects.count()}
    for declaratie in services.declaratie_voorstellen(user=medewerker, periode=PERIODE):
        regels = list(declaratie.prestaties.order_by("pk"))
        if len(regels) > 1:
            services.declaratie_regel_wijzigen(
                user=medewerker, prestatie=regels[-1], geleverd_volume=9_999
            )
        services.declaratie_indienen(user=medewerker, declaratie=declaratie)
    return {"declaraties": Declaratie.objects.count()}
