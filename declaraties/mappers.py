"""Mappers between Declaratie/Prestatie rows and Wmo323 message objects (no I/O)."""

from collections import defaultdict
from collections.abc import Iterable

from berichten.xml import types as t
from declaraties.constants import EURO, DebetCredit
from declaraties.models import Declaratie, Prestatie


def saldo(prestaties: Iterable[Prestatie]) -> int:
    """Debet positive, credit negative (TR358)."""
    return sum(p.bedrag for p in prestaties)


def totaal_bedrag(bedrag: int) -> t.TotaalBedrag:
    """A signed amount as TotaalBedrag + DebetCredit (D at 0, CS325)."""
    return t.TotaalBedrag(
        totaal_bedrag=abs(bedrag),
        debet_credit=DebetCredit.CREDIT if bedrag < 0 else DebetCredit.DEBET,
    )


def prestatie_bericht(p: Prestatie) -> t.Prestatie:
    vorig = p.vorig_referentie_nummer if p.is_credit else None
    return t.Prestatie(
        product_referentie=t.Referentie(
            referentie_nummer=p.product_referentie,
            vorig_referentie_nummer=vorig or None,
        ),
        toewijzing_nummer=p.toewijzing_nummer,
        product_categorie=p.product_categorie,
        product_code=p.product_code,
        product_periode=t.Periode(begindatum=p.begindatum, einddatum=p.einddatum),
        geleverd_volume=p.geleverd_volume,
        eenheid=p.eenheid,
        product_tarief=None if p.eenheid == EURO else p.product_tarief,
        ingediend_bedrag=t.Bedrag(
            bedrag=p.ingediend_bedrag, debet_credit=p.debet_credit
        ),
    )


def indeling(prestaties: Iterable[Prestatie]) -> list[tuple[str, list[Prestatie]]]:
    """Per cliënt (BSN) its lines, credit before debet (OP366): the order of the 323."""
    per_bsn: dict[str, list[Prestatie]] = defaultdict(list)
    for p in prestaties:
        per_bsn[p.bsn].append(p)
    return [
        (bsn, sorted(regels, key=lambda p: (not p.is_credit, p.pk or 0)))
        for bsn, regels in per_bsn.items()
    ]


def wmo323(
    *, header: t.Header, declaratie: Declaratie, prestaties: Iterable[Prestatie]
) -> t.Wmo323:
    """The 323 of a declaratie (Dagtekening and DeclaratieNummer set by the caller)."""
    clienten = indeling(prestaties)
    alle = [p for _bsn, regels in clienten for p in regels]
    return t.Wmo323(
        header=header,
        declaratie=t.Declaratie(
            declaratie_nummer=declaratie.declaratie_nummer,
            declaratie_periode=t.Periode(
                begindatum=declaratie.periode_begin, einddatum=declaratie.periode_eind
            ),
            declaratie_dagtekening=declaratie.dagtekening,
            totaal_ingediend_bedrag=totaal_bedrag(saldo(alle)),
            clienten=[
                t.DeclaratieClient(
                    bsn=bsn, prestaties=[prestatie_bericht(p) for p in regels]
                )
                for bsn, regels in clienten
            ],
        ),
    )


def prestatie_velden(bsn: str, p: t.Prestatie) -> dict:
    """The model fields of a Prestatie from the message, unchanged."""
    return {
        "bsn": bsn,
        "toewijzing_nummer": p.toewijzing_nummer,
        "product_referentie": p.product_referentie.referentie_nummer,
        "vorig_referentie_nummer": p.product_referentie.vorig_referentie_nummer or "",
        "debet_credit": p.ingediend_bedrag.debet_credit,
        "product_categorie": p.product_categorie,
        "product_code": p.product_code,
        "begindatum": p.product_periode.begindatum,
        "einddatum": p.product_periode.einddatum,
        "geleverd_volume": p.geleverd_volume,
        "eenheid": p.eenheid,
        "product_tarief": p.product_tarief,
        "ingediend_bedrag": p.ingediend_bedrag.bedrag,
    }


def wijkt_af(rij: Prestatie, p: t.Prestatie) -> list[str]:
    """TR367: the fields where a Prestatie in a 325 differs from the one sent."""
    verwacht = prestatie_velden(rij.bsn, p)
    return [
        naam
        for naam, waarde in verwacht.items()
        if naam != "bsn" and getattr(rij, naam) != waarde
    ]
