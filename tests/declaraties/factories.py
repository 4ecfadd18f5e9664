"""Factories for declaraties and prestaties, and builders of 323 messages."""

from datetime import date

import factory

from berichten.xml import types as t
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory
from tests.toewijzingen.factories import ToewijzingFactory
from toewijzingen.models import Toewijzing


class DeclaratieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaratie

    aanbieder = factory.SubFactory(AanbiederFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    declaratie_nummer = factory.Sequence(lambda n: f"OUD{n:05d}")
    periode_begin = date(2026, 8, 1)
    periode_eind = date(2026, 8, 31)
    dagtekening = date(2026, 9, 2)
    status = DeclaratieStatus.BEANTWOORD


class PrestatieFactory(factory.django.DjangoModelFactory):
    """An approved debet line of a sent declaratie, for a given toewijzing."""

    class Meta:
        model = Prestatie
        exclude = ["t"]

    t = factory.SubFactory(ToewijzingFactory, declarabel=True)
    declaratie = factory.SubFactory(
        DeclaratieFactory,
        aanbieder=factory.SelfAttribute("..t.aanbieder"),
        gemeente=factory.SelfAttribute("..t.gemeente"),
    )
    aanbieder = factory.SelfAttribute("declaratie.aanbieder")
    toewijzing = factory.SelfAttribute("t")
    client = factory.SelfAttribute("t.client")
    bsn = factory.SelfAttribute("t.client.bsn")
    toewijzing_nummer = factory.SelfAttribute("t.toewijzing_nummer")
    product_referentie = factory.Sequence(lambda n: f"OUD{n:08d}")
    debet_credit = DebetCredit.DEBET
    product_categorie = factory.SelfAttribute("t.product.categorie")
    product_code = factory.SelfAttribute("t.product.code")
    begindatum = date(2026, 8, 1)
    einddatum = date(2026, 8, 31)
    geleverd_volume = 10
    eenheid = "82"
    product_tarief = 4250
    ingediend_bedrag = 42500
    status = PrestatieStatus.GOEDGEKEURD


# --- message builders --------------------------------------------------------------


def prestatie_bericht(
    toewijzing: Toewijzing,
    *,
    referentie: str = "R1",
    vorig: str | None = None,
    begin: date = date(2026, 8, 1),
    eind: date = date(2026, 8, 31),
    volume: int = 10,
    tarief: int | None = 4250,
    bedrag: int | None = None,
    eenheid: str | None = None,
    categorie: str | None = None,
    code: str | None = None,
    nummer: int | None = None,
) -> t.Prestatie:
    eenheid = eenheid or toewijzing.eenheid or toewijzing.product.eenheid
    if bedrag is None:
        bedrag = volume if eenheid == "83" else volume * (tarief or 0)
    return t.Prestatie(
        product_referentie=t.Referentie(
            referentie_nummer=referentie, vorig_referentie_nummer=vorig
        ),
        toewijzing_nummer=nummer or toewijzing.toewijzing_nummer,
        product_categorie=categorie or toewijzing.product.categorie,
        product_code=code or toewijzing.product.code,
        product_periode=t.Periode(begindatum=begin, einddatum=eind),
        geleverd_volume=volume,
        eenheid=eenheid,
        product_tarief=None if eenheid == "83" else tarief,
        ingediend_bedrag=t.Bedrag(bedrag=bedrag, debet_credit="C" if vorig else "D"),
    )


def wmo323(
    aanbieder,
    gemeente,
    clienten: list[tuple[str, list[t.Prestatie]]],
    *,
    nummer: str = "DN001",
    periode: tuple[date, date] = (date(2026, 8, 1), date(2026, 8, 31)),
    dagtekening: date = date(2026, 9, 2),
    identificatie: str = "323000000001",
) -> t.Wmo323:
    som = sum(
        -p.ingediend_bedrag.bedrag
        if p.ingediend_bedrag.debet_credit == "C"
        else p.ingediend_bedrag.bedrag
        for _, prestaties in clienten
        for p in prestaties
    )
    return t.Wmo323(
        header=t.Header(
            afzender=aanbieder.agb_code,
            ontvanger=gemeente.code,
            bericht_identificatie=t.BerichtIdentificatie(
                identificatie=identificatie, dagtekening=dagtekening
            ),
        ),
        declaratie=t.Declaratie(
            declaratie_nummer=nummer,
            declaratie_periode=t.Periode(begindatum=periode[0], einddatum=periode[1]),
            declaratie_dagtekening=dagtekening,
            totaal_ingediend_bedrag=t.TotaalBedrag(
                totaal_bedrag=abs(som), debet_credit="C" if som < 0 else "D"
            ),
            clienten=[
                t.DeclaratieClient(bsn=bsn, prestaties=ps) for bsn, ps in clienten
            ],
        ),
    )


def enkel(toewijzing: Toewijzing, **kwargs) -> t.Wmo323:
    """A 323 with one Prestatie for `toewijzing`; kwargs go to prestatie_bericht."""
    return wmo323(
        toewijzing.aanbieder,
        toewijzing.gemeente,
        [(toewijzing.client.bsn, [prestatie_bericht(toewijzing, **kwargs)])],
    )
