"""Notifications: new werkvoorraad items become in-app meldingen, and e-mail goes
out per the user's preference per kind: at once, in a daily digest, or not at
all. Items due within DIRECT_BINNEN_WERKDAGEN werkdagen go at once unless the
kind is switched off. The e-mails hold counts and links only: never a BSN, a
cliënt's name or an item's title. Every send is logged (meldingen.Verzonden)
before it leaves, in one transaction, so a second run sends nothing twice.
Run by celery beat (meldingen.tasks) and `manage.py meldingen_versturen`.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.constants import Rol
from core.models import User
from meldingen import selectors
from meldingen.constants import MELDEN_PER_SOORT, Frequentie, WerkSoort
from meldingen.models import Melding, Verzonden

logger = logging.getLogger(__name__)


@dataclass
class Regel:
    """One line of an e-mail: a count and the link where those are worked on."""

    label: str
    aantal: int
    url: str


@dataclass
class Resultaat:
    meldingen: int = 0
    direct: int = 0
    dagoverzicht: int = 0


def _absoluut(pad: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + pad


def _meldingen_aanmaken(user, groepen: list[selectors.Groep]) -> int:
    nieuw = [
        Melding(
            gebruiker=user,
            soort=item.soort,
            object_id=item.object_id,
            titel=item.titel[:200],
            url=item.url,
            uiterlijk=item.uiterlijk,
        )
        for groep in groepen
        for item in groep.items
    ]
    bestaand = set(
        Melding.objects.filter(gebruiker=user).values_list("soort", "object_id")
    )
    nieuw = [m for m in nieuw if (m.soort, m.object_id) not in bestaand]
    Melding.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def _verstuur(user, onderwerp: str, sjabloon: str, regels: list[Regel], **extra):
    context = {
        "user": user,
        "regels": regels,
        "totaal": sum(r.aantal for r in regels),
        "start_url": _absoluut(reverse("start")),
        "voorkeuren_url": _absoluut(reverse("meldingen:voorkeuren")),
        **extra,
    }
    bericht = EmailMultiAlternatives(
        subject=onderwerp,
        body=render_to_string(f"meldingen/email/{sjabloon}.txt", context),
        to=[user.email],
    )
    bericht.attach_alternative(
        render_to_string(f"meldingen/email/{sjabloon}.html", context), "text/html"
    )
    bericht.send()


def _vastleggen(user, sleutels: list[str]) -> bool:
    """Log the sends; False when another run logged them first."""
    try:
        with transaction.atomic():
            Verzonden.objects.bulk_create(
                [Verzonden(gebruiker=user, sleutel=s) for s in sleutels]
            )
    except IntegrityError:
        return False
    return True


def _direct(user, groepen, voorkeuren) -> bool:
    """The items to send at once that were not sent before: one e-mail."""
    items = [
        item
        for groep in groepen
        if voorkeuren[groep.soort] != Frequentie.UIT
        for item in groep.items
        if voorkeuren[groep.soort] == Frequentie.DIRECT or item.dringend
    ]
    sleutels = {f"{item.soort}:{item.object_id}": item for item in items}
    al = set(
        Verzonden.objects.filter(gebruiker=user, sleutel__in=sleutels).values_list(
            "sleutel", flat=True
        )
    )
    nieuw = [item for sleutel, item in sleutels.items() if sleutel not in al]
    if not nieuw:
        return False
    regels = [
        Regel(
            WerkSoort(soort).label,
            sum(1 for i in nieuw if i.soort == soort),
            _absoluut(selectors.lijst_url(soort)),
        )
        for soort in dict.fromkeys(i.soort for i in nieuw)
    ]
    with transaction.atomic():
        if not _vastleggen(user, [f"{i.soort}:{i.object_id}" for i in nieuw]):
            return False
        _verstuur(
            user,
            "wmo-portaal: nieuw in uw werkvoorraad",
            "direct",
            regels,
            dringend=sum(1 for i in nieuw if i.dringend),
        )
    return True


def _dagoverzicht(user, groepen, voorkeuren, vandaag: date) -> bool:
    regels = [
        Regel(groep.label, groep.aantal, _absoluut(groep.lijst_url))
        for groep in groepen
        if voorkeuren[groep.soort] == Frequentie.DAGELIJKS
    ]
    if not regels:
        return False
    with transaction.atomic():
        if not _vastleggen(user, [f"dag:{vandaag.isoformat()}"]):
            return False
        _verstuur(
            user,
            f"wmo-portaal: uw werkvoorraad op {vandaag:%d-%m-%Y}",
            "dagoverzicht",
            regels,
            vandaag=vandaag,
        )
    return True


def meldingen_versturen(
    *, vandaag: date | None = None, dagoverzicht: bool = True
) -> Resultaat:
    """One run for every active gemeente and aanbieder user. With `dagoverzicht`
    the daily digests go out too (once per user and day)."""
    vandaag = vandaag or timezone.localdate()
    resultaat = Resultaat()
    gebruikers = User.objects.filter(
        is_active=True, rol__in=[Rol.GEMEENTE, Rol.AANBIEDER]
    ).order_by("pk")
    for user in gebruikers:
        groepen = selectors.werkvoorraad(
            user=user, vandaag=vandaag, per_soort=MELDEN_PER_SOORT, tellen_tot=None
        )
        resultaat.meldingen += _meldingen_aanmaken(user, groepen)
        if not user.email or not groepen:
            continue
        voorkeuren = selectors.voorkeuren_van(user=user)
        try:
            resultaat.direct += _direct(user, groepen, voorkeuren)
            if dagoverzicht:
                resultaat.dagoverzicht += _dagoverzicht(
                    user, groepen, voorkeuren, vandaag
                )
        except OSError:
            # SMTP unreachable: nothing was logged for this user, the next run retries.
            logger.exception("E-mail aan gebruiker %s niet verstuurd", user.pk)
    return resultaat
