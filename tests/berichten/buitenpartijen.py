"""A party outside the portal: its files in and out, its headers and messages."""

from dataclasses import dataclass
from datetime import date, time
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from berichten.constants import VAN_GEMEENTE, BerichtStatus, Kanaal
from berichten.models import Bericht
from berichten.retour import bouw_retour
from berichten.xml import codec, types as t, validation
from berichten.xml.parser import parse
from tests.core.factories import gemeente_user
from tests.toewijzingen.factories import ClientFactory
from toewijzingen import services as toewijzingen

OFFICIEEL = set(validation.OFFICIAL_MESSAGES)


@dataclass
class Partijen:
    gemeente: object
    aanbieder: object
    product: object
    inbox: Path
    outbox: Path
    volgnummer: int = 0

    def identificatie(self) -> str:
        self.volgnummer += 1
        return f"EXT{self.volgnummer:07d}"


def schema_geldig(data: bytes, bericht_type: str) -> None:
    root = parse(data)
    assert validation.validate(root, bericht_type) == []
    if bericht_type in OFFICIEEL:
        assert validation.validate_official(root, bericht_type) == []


def namens(p: Partijen, message) -> str:
    """The party that sends `message` (iwmo_import --namens)."""
    if message.BERICHT in VAN_GEMEENTE:
        return f"gemeente:{p.gemeente.code}"
    return f"aanbieder:{p.aanbieder.agb_code}"


def importeer(p: Partijen, message) -> Bericht:
    """The party outside delivers a file; the portal reads its inbox."""
    data = codec.encode(message)
    schema_geldig(data, message.BERICHT)
    bestand = p.inbox / f"{message.BERICHT}_{p.identificatie()}.xml"
    bestand.write_bytes(data)
    call_command(
        "iwmo_import", str(bestand), "--namens", namens(p, message), stdout=StringIO()
    )
    bericht = Bericht.objects.get(kanaal=Kanaal.MAP, bestandsnaam=bestand.name)
    assert bericht.status == BerichtStatus.VERWERKT, (
        bericht.foutmelding,
        bericht.bevindingen,
    )
    return bericht


def exporteer(p: Partijen) -> dict[str, list]:
    """What the portal has for the party outside, checked and decoded by type."""
    for oud in p.outbox.iterdir():
        oud.unlink()
    call_command("iwmo_export", str(p.outbox), stdout=StringIO())
    berichten: dict[str, list] = {}
    for bestand in sorted(p.outbox.iterdir()):
        data = bestand.read_bytes()
        bericht_type = bestand.name[:6]
        schema_geldig(data, bericht_type)
        berichten.setdefault(bericht_type, []).append(codec.decode(data))
    return berichten


def retourcodes(message) -> list[str]:
    return list(message.header.retourcodes)


def kop(p: Partijen, *, van_gemeente: bool, dag: date) -> t.Header:
    afzender, ontvanger = p.gemeente.code, p.aanbieder.agb_code
    if not van_gemeente:
        afzender, ontvanger = ontvanger, afzender
    return t.Header(
        afzender=afzender,
        ontvanger=ontvanger,
        bericht_identificatie=t.BerichtIdentificatie(
            identificatie=p.identificatie(), dagtekening=dag
        ),
    )


def retour_van(p: Partijen, heen, dag: date):
    """The retour the party outside sends: all accepted."""
    return bouw_retour(heen, [], identificatie=p.identificatie(), dagtekening=dag)


def toegewezen(
    nummer: int,
    product,
    *,
    ingangsdatum: date,
    einddatum: date | None = None,
    volume: int = 3,
    reden: str | None = None,
    referentie: str | None = None,
) -> t.ToegewezenProduct:
    return t.ToegewezenProduct(
        toewijzing_nummer=nummer,
        referentie_aanbieder=referentie,
        product=t.Product(categorie=product.categorie, code=product.code),
        toewijzingsdatum=date(2026, 9, 1),
        toewijzingstijd=time(9, 0),
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        reden_wijziging=reden,
        omvang=t.Omvang(volume=volume, eenheid="04", frequentie="4"),
    )


def wmo301(p: Partijen, bsn: str, producten, dag: date) -> t.Wmo301:
    return t.Wmo301(
        header=kop(p, van_gemeente=True, dag=dag),
        client=t.ToewijzingClient(
            bsn=bsn,
            geboortedatum=t.Geboortedatum(datum=date(1950, 3, 4)),
            geslacht="2",
            naam=t.VolledigeNaam(
                geslachtsnaam=t.Achternaam(achternaam="Dijkstra"),
                voorletters="A",
                naam_gebruik="1",
            ),
            contactgegevens=[
                t.Contact(
                    soort="01",
                    adres=t.Adres(
                        huis=t.Huis(huisnummer=12),
                        postcode="9251AB",
                        straatnaam="Hoofdstraat",
                        plaatsnaam="Burgum",
                        land_code="NL",
                    ),
                )
            ],
            toegewezen_producten=producten,
        ),
    )


def toewijzing_in_portaal(p: Partijen, *, ingangsdatum: date, volume: int = 3):
    """A toewijzing the gemeente makes in the portal (sends a 301)."""
    client = ClientFactory(gemeente=p.gemeente, huisnummer=5, postcode="9251AB")
    return toewijzingen.toewijzing_aanmaken(
        user=gemeente_user(p.gemeente),
        client=client,
        gegevens=toewijzingen.ToewijzingGegevens(
            aanbieder=p.aanbieder,
            product=p.product,
            ingangsdatum=ingangsdatum,
            volume=volume,
            eenheid="04",
            frequentie="4",
        ),
    )


def wmo319(p: Partijen, referentie: str, antwoord: str, dag: date) -> t.Wmo319:
    return t.Wmo319(
        header=kop(p, van_gemeente=True, dag=dag),
        antwoord=t.Antwoord(referentie_aanbieder=referentie, verzoek_antwoord=antwoord),
    )
