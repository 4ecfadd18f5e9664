"""One open item of every werkvoorraad kind for a gemeente and an aanbieder."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from berichten.constants import BerichtStatus
from core import werkdagen
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from stamgegevens import services as stamgegevens
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory
from tests.toewijzingen.factories import (
    ClientFactory,
    ToewijzingFactory,
    VerzoekFactory,
)


@dataclass
class Werk:
    gemeente_user: object
    aanbieder_user: object
    verzoek: object
    zonder_start: object
    aflopend: object
    declaratie: object
    afgekeurd: object
    wijziging: object
    geweigerd: object
    clienten: list


def werk(gemeente, aanbieder) -> Werk:
    vandaag = timezone.localdate()
    medewerker = aanbieder_user(aanbieder, email="planning@aanbieder.example")
    contractmanager = gemeente_user(gemeente, email="contracten@gemeente.example")
    clienten = [ClientFactory(gemeente=gemeente) for _ in range(3)]
    aflopend = ToewijzingFactory(
        gestart=True,
        client=clienten[0],
        aanbieder=aanbieder,
        toewijzingsdatum=vandaag - timedelta(days=90),
        ingangsdatum=vandaag - timedelta(days=90),
        einddatum=vandaag + timedelta(days=20),
    )
    zonder_start = ToewijzingFactory(
        client=clienten[1],
        aanbieder=aanbieder,
        contract=aflopend.contract,
        toewijzingsdatum=vandaag - timedelta(days=30),
        ingangsdatum=vandaag - timedelta(days=30),
    )
    return Werk(
        gemeente_user=contractmanager,
        aanbieder_user=medewerker,
        verzoek=VerzoekFactory(client=clienten[2], aanbieder=aanbieder),
        zonder_start=zonder_start,
        aflopend=aflopend,
        declaratie=DeclaratieFactory(
            gemeente=gemeente,
            aanbieder=aanbieder,
            status=DeclaratieStatus.INGEDIEND,
            antwoord_uiterlijk=werkdagen.plus_werkdagen(vandaag, 1),
        ),
        afgekeurd=PrestatieFactory(t=aflopend, status=PrestatieStatus.AFGEKEURD),
        wijziging=stamgegevens.wijzigingsverzoek_indienen(
            user=medewerker,
            aanbieder=aanbieder,
            wijzigingen={"plaats": "Drachten"},
            ingangsdatum=vandaag + timedelta(days=14),
        ),
        geweigerd=BerichtFactory(
            gemeente=gemeente,
            aanbieder=aanbieder,
            status=BerichtStatus.GEWEIGERD,
            aangemaakt_door=medewerker,
            bestandsnaam="declaratie-oktober.xml",
        ),
        clienten=clienten,
    )
