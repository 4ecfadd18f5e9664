"""What the parties of the `opzet` fixture do: through the services and by message."""

from datetime import date

from django.test import Client as Browser

from berichten.constants import Kanaal
from berichten.models import Bericht
from berichten.xml import types as t
from tests.toewijzingen.factories import geldig_bsn
from toewijzingen import mappers, services
from toewijzingen.constants import Prijsvorm
from toewijzingen.models import Toewijzing, Verzoek

SEP = date(2026, 9, 1)


def ingelogd(user) -> Browser:
    """A browser logged in as `user`."""
    browser = Browser()
    browser.force_login(user)
    return browser


def maak(opzet, **kwargs) -> Toewijzing:
    """A toewijzing the gemeente of `opzet` makes from 3 August 2026."""
    args = {
        "user": opzet.gemeente_user,
        "client": opzet.client,
        "aanbieder": opzet.aanbieder,
        "product": opzet.product,
        "ingangsdatum": date(2026, 8, 3),
        "prijsvorm": Prijsvorm.ONDERHOUD,
    } | kwargs
    return services.toewijzing_aanmaken(
        user=args.pop("user"),
        client=args.pop("client"),
        gegevens=services.ToewijzingGegevens(**args),
    )


def verzoek_om_toewijzing(opzet, referentie="VOT-1", **kwargs):
    """A verzoek om toewijzing (315) of the aanbieder for a new cliënt (Visser)."""
    product = services.AangevraagdProduct(
        referentie_aanbieder=referentie,
        product=opzet.product,
        ingangsdatum=SEP,
        volume=1,
        eenheid="82",
        frequentie="4",
        verwijzer_type="01",
        verwijzer_naam="Wmo-loket",
    )
    args = {
        "user": opzet.aanbieder_user,
        "gemeente": opzet.gemeente,
        "client": services.ClientGegevens(
            bsn=geldig_bsn(950),
            geboortedatum=date(1950, 3, 3),
            geslacht="1",
            achternaam="Visser",
        ),
        "producten": [product],
    } | kwargs
    return services.verzoek_om_toewijzing_indienen(**args)


def vot(opzet, referentie="VOT-1") -> Verzoek:
    """A verzoek om toewijzing (315) of the aanbieder for opzet.client (it has an address)."""
    c = opzet.client
    gegevens = services.ClientGegevens(
        bsn=c.bsn,
        geboortedatum=c.geboortedatum,
        geslacht=c.geslacht,
        achternaam=c.achternaam,
    )
    [verzoek] = verzoek_om_toewijzing(opzet, referentie, client=gegevens)
    return verzoek


_teller = iter(range(1, 10_000))


def bericht(opzet, bericht_type: str) -> Bericht:
    """A logged inbound message of `bericht_type` between the parties of `opzet`."""
    return Bericht.objects.create(
        bericht_type=bericht_type,
        gemeente=opzet.gemeente,
        aanbieder=opzet.aanbieder,
        identificatie=f"T{next(_teller)}",
        dagtekening=date(2026, 8, 28),
        kanaal=Kanaal.UPLOAD,
        inhoud=b"",
        sha256="0" * 64,
    )


def kop(opzet) -> t.Header:
    """The header of a message from the aanbieder to the gemeente of `opzet`."""
    return t.Header(
        afzender=opzet.aanbieder.agb_code,
        ontvanger=opzet.gemeente.code,
        bericht_identificatie=t.BerichtIdentificatie(
            identificatie="X1", dagtekening=date(2026, 8, 28)
        ),
    )


def wmo315(opzet, referentie="VOT-9", bsn=None) -> t.Wmo315:
    """A 315 of the aanbieder for opzet.client, one product from 1 September 2026."""
    persoon = mappers.client_persoon(opzet.client) | ({"bsn": bsn} if bsn else {})
    return t.Wmo315(
        header=kop(opzet),
        client=t.VotClient(
            **persoon,
            aangevraagde_producten=[
                t.AangevraagdProduct(
                    referentie_aanbieder=referentie,
                    product=t.Product(
                        categorie=opzet.product.categorie, code=opzet.product.code
                    ),
                    toewijzing_ingangsdatum=date(2026, 9, 1),
                    omvang=t.Omvang(volume=1, eenheid="82", frequentie="4"),
                    verwijzer=t.Verwijzer(type="01", naam="Wmo-loket"),
                )
            ],
        ),
    )
