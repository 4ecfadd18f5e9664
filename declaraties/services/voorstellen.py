"""Declareren at the aanbieder: who may, numbers, the proposed lines and the concept.

A line is proposed only for a started toewijzing (R-D1), one debet line per
toewijzing and ProductPeriode (R-D6, TR416), the volume within the toegewezen
omvang (TR321, IV076/IV077), the tarief from the contract (TR418) and bedrag =
volume × tarief (TR346). Hulpmiddelen (categorie 11–14, frequentie 6) are
declared once, in the first full month (R-D7).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Sum
from django.utils import formats, timezone

from berichten.verkeer import volgend_nummer
from core.constants import Rol
from core.exceptions import ApplicationError
from declaraties import regels
from declaraties.constants import (
    EURO,
    VERWIJDERD,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.mappers import saldo
from declaraties.models import Declaratie, Prestatie
from stamgegevens.models import Aanbieder, Tarief
from toewijzingen.models import Toewijzing

# --- who may -----------------------------------------------------------------------


def _aanbieder(user) -> Aanbieder:
    if getattr(user, "rol", None) != Rol.AANBIEDER or not user.aanbieder_id:
        raise ApplicationError(
            "Alleen een medewerker van de aanbieder kan declareren.", code="rol"
        )
    return user.aanbieder


def _eigen(user, declaratie: Declaratie) -> Aanbieder:
    aanbieder = _aanbieder(user)
    if declaratie.aanbieder_id != aanbieder.pk:
        raise ApplicationError(
            "Deze declaratie is niet van uw organisatie.", code="rol"
        )
    return aanbieder


def _eigen_concept(user, declaratie: Declaratie) -> Aanbieder:
    aanbieder = _eigen(user, declaratie)
    if not declaratie.is_concept:
        raise ApplicationError(
            "Alleen een conceptdeclaratie kan worden gewijzigd of verstuurd.",
            code="status",
        )
    return aanbieder


# --- numbers -----------------------------------------------------------------------


def _nummer(aanbieder: Aanbieder, soort: str) -> str:
    """'WP' + 10 digits: alphanumeric and ≤ 12 (CS319), ≤ 20 for a ProductReferentie."""
    return f"WP{volgend_nummer(f'{soort}:{aanbieder.agb_code}'):010d}"


def nieuw_declaratienummer(aanbieder: Aanbieder) -> str:
    """TR333: unique per aanbieder, also against numbers of uploaded 323s."""
    while True:
        nummer = _nummer(aanbieder, "declaratienummer")
        if not Declaratie.objects.filter(
            aanbieder=aanbieder, declaratie_nummer=nummer
        ).exists():
            return nummer


def nieuwe_productreferentie(aanbieder: Aanbieder) -> str:
    """TR314: unique per aanbieder, within and across messages."""
    while True:
        referentie = _nummer(aanbieder, "productreferentie")
        if not Prestatie.objects.filter(
            aanbieder=aanbieder, product_referentie=referentie
        ).exists():
            return referentie


# --- proposing ---------------------------------------------------------------------


@dataclass
class Regelvoorstel:
    toewijzing: Toewijzing
    begindatum: date
    einddatum: date
    geleverd_volume: int
    eenheid: str
    product_tarief: int | None
    ingediend_bedrag: int


def _bedrag(volume: int, eenheid: str, tarief: "Tarief | int | None") -> int:
    """TR346 / CS339: volume × tarief; at Eenheid 83 the volume is the amount.

    With a contract `Tarief` the unrounded tarief counts (an uurtarief for a
    product in minuten: uurtarief × minuten / 60, rounded to the cent once)."""
    if eenheid == EURO:
        return volume
    if isinstance(tarief, Tarief):
        return tarief.bedrag_voor(volume)
    return volume * (tarief or 0)


def _producttarief(tarief: "Tarief | int | None") -> int | None:
    """The ProductTarief of a line: the contract's per eenheid, or the line's own."""
    return tarief.product_tarief if isinstance(tarief, Tarief) else tarief


def _tarief(
    toewijzing: Toewijzing, begindatum: date, tarieven: dict | None = None
) -> Tarief | None:
    """TR418: the contracted tarief of the toewijzing's product for the
    ProductPeriode that begins on `begindatum` (its own period, not today's)."""
    if tarieven is None:
        tarieven = regels.tarieven_van([toewijzing])
    return regels.contracttarief(tarieven, toewijzing, begindatum)


def _maand(periode: date) -> tuple[date, date]:
    begin = regels.maand_begin(periode)
    eind = regels.maand_eind(periode)
    if eind >= timezone.localdate():
        raise ApplicationError(
            "Een maand kan pas worden gedeclareerd als die voorbij is (TR137).",
            code="periode",
        )
    return begin, eind


def _al_gedeclareerd(begin: date, eind: date) -> Exists:
    """A debet line for this month that is not credited: no second one (TR389/R-D6)."""
    credit = Prestatie.objects.filter(
        vorig_referentie=OuterRef("pk"), debet_credit=DebetCredit.CREDIT
    ).exclude(status=PrestatieStatus.AFGEKEURD)
    return Exists(
        Prestatie.objects.filter(
            toewijzing=OuterRef("pk"),
            debet_credit=DebetCredit.DEBET,
            begindatum__range=(begin, eind),
        )
        .annotate(gecrediteerd=Exists(credit))
        .filter(gecrediteerd=False)
    )


def _nog_toegewezen(toewijzingen: list[Toewijzing]) -> dict[int, int]:
    """TR322: per toewijzing with a total omvang, what is left of it after the
    debet lines sent or in a concept (not rejected, not credited), in one query."""
    totalen = {t.pk: regels.max_volume_totaal(t) for t in toewijzingen}
    totalen = {pk: totaal for pk, totaal in totalen.items() if totaal is not None}
    credit = Prestatie.objects.filter(
        vorig_referentie=OuterRef("pk"), debet_credit=DebetCredit.CREDIT
    ).exclude(status=PrestatieStatus.AFGEKEURD)
    gebruikt = dict(
        Prestatie.objects.filter(
            toewijzing_id__in=totalen, debet_credit=DebetCredit.DEBET
        )
        .exclude(status=PrestatieStatus.AFGEKEURD)
        .exclude(Exists(credit))
        .values("toewijzing_id")
        .annotate(volume=Sum("geleverd_volume"))
        .values_list("toewijzing_id", "volume")
        .order_by()
    )
    return {pk: max(totaal - gebruikt.get(pk, 0), 0) for pk, totaal in totalen.items()}


def regelvoorstellen(*, aanbieder: Aanbieder, periode: date) -> list[Regelvoorstel]:
    """The lines the portal proposes for the month of `periode`.

    A stop zorg (307) ends the proposals: the month of the stop up to its
    einddatum, nothing after it until a new start zorg (305). A hulpmiddel is
    proposed once, in its first full month (R-D7); the volume is the month's
    maximum (TR321, IV077), never more than is left of the total (TR322).
    """
    begin, eind = _maand(periode)
    toewijzingen = list(
        Toewijzing.objects.filter(aanbieder=aanbieder, ingangsdatum__lte=eind)
        .exclude(einddatum__lt=begin)
        .exclude(reden_wijziging=VERWIJDERD)
        .annotate(
            gestart=regels.heeft_start(), gedeclareerd=_al_gedeclareerd(begin, eind)
        )
        .filter(gestart=True, gedeclareerd=False)
        .select_related("product", "client", "gemeente", "contract")
        .prefetch_related(regels.actuele_leveringen())
        .order_by("gemeente__code", "client__bsn", "toewijzing_nummer")
    )
    tarieven = regels.tarieven_van(toewijzingen)
    over = _nog_toegewezen(toewijzingen)
    voorstellen = []
    for t in toewijzingen:
        if regels.is_hulpmiddel(t) and regels.eerste_volle_maand(t) != begin:
            continue  # R-D7: once, in the first full month
        productperiode = regels.product_periode(t, begin)
        if productperiode is not None:
            zorg = regels.zorgperioden(t.actueel)
            productperiode = regels.geleverde_periode(productperiode, zorg)
        if productperiode is None:
            continue
        eenheid = t.eenheid or t.product.eenheid
        volume = regels.max_volume_per_periode(t, *productperiode) or 0
        volume = min(volume, over.get(t.pk, volume))
        if volume == 0 and t.pk in over:
            continue  # the whole omvang is declared already
        tarief = None if eenheid == EURO else _tarief(t, productperiode[0], tarieven)
        voorstellen.append(
            Regelvoorstel(
                toewijzing=t,
                begindatum=productperiode[0],
                einddatum=productperiode[1],
                geleverd_volume=volume,
                eenheid=eenheid,
                product_tarief=_producttarief(tarief),
                ingediend_bedrag=_bedrag(volume, eenheid, tarief),
            )
        )
    return voorstellen


def _concept(aanbieder: Aanbieder, gemeente, begin: date, user=None) -> Declaratie:
    declaratie, _ = Declaratie.objects.get_or_create(
        aanbieder=aanbieder,
        gemeente=gemeente,
        periode_begin=begin,
        status=DeclaratieStatus.CONCEPT,
        defaults={"periode_eind": regels.maand_eind(begin), "aangemaakt_door": user},
    )
    return declaratie


def _nieuwe_regel(declaratie: Declaratie, **velden) -> Prestatie:
    return Prestatie.objects.create(
        declaratie=declaratie,
        aanbieder=declaratie.aanbieder,
        product_referentie=nieuwe_productreferentie(declaratie.aanbieder),
        **velden,
    )


def _regel_velden(t: Toewijzing) -> dict:
    return {
        "toewijzing": t,
        "client": t.client,
        "bsn": t.client.bsn,
        "toewijzing_nummer": t.toewijzing_nummer,
        "product_categorie": t.product.categorie,
        "product_code": t.product.code,
    }


@transaction.atomic
def declaratie_voorstellen(
    *, user, periode: date, latere_periode: bool = False
) -> list[Declaratie]:
    """A concept declaratie per gemeente for the month of `periode`, with the proposed lines.

    The month chosen is the DeclaratiePeriode. Only where a later month was sent
    to a gemeente already (OP354: never before it) do the lines go in that later
    period (OP280) — and only when the user agreed to that (`latere_periode`);
    otherwise nothing is made and the reason names the gemeenten.
    """
    aanbieder = _aanbieder(user)
    voorstellen = regelvoorstellen(aanbieder=aanbieder, periode=periode)
    perioden = {
        t.gemeente: declaratieperiode(aanbieder, t.gemeente, periode)
        for t in {v.toewijzing.gemeente_id: v.toewijzing for v in voorstellen}.values()
    }
    maand = regels.maand_begin(periode)
    later = {g: p for g, p in perioden.items() if p != maand}
    if later and not latere_periode:
        namen = ", ".join(
            f"{g.naam} ({formats.date_format(p, 'F Y')})" for g, p in later.items()
        )
        raise ApplicationError(
            f"Bij {namen} is al een latere maand gedeclareerd. Een declaratie over "
            f"{formats.date_format(maand, 'F Y')} kan daar niet meer (OP354); de "
            "regels kunnen wel mee in een declaratie over die latere maand (OP280).",
            code="latere_periode",
        )
    declaraties: dict[int, Declaratie] = {}
    for v in voorstellen:
        t = v.toewijzing
        if t.gemeente_id not in declaraties:
            begin = perioden[t.gemeente]
            declaraties[t.gemeente_id] = _concept(aanbieder, t.gemeente, begin, user)
        _nieuwe_regel(
            declaraties[t.gemeente_id],
            **_regel_velden(t),
            begindatum=v.begindatum,
            einddatum=v.einddatum,
            geleverd_volume=v.geleverd_volume,
            eenheid=v.eenheid,
            product_tarief=v.product_tarief,
            ingediend_bedrag=v.ingediend_bedrag,
        )
    for declaratie in declaraties.values():
        _bij_totaal(declaratie)
    return list(declaraties.values())


def _bij_totaal(declaratie: Declaratie) -> None:
    declaratie.totaal_ingediend = saldo(declaratie.prestaties.all())
    declaratie.save(update_fields=["totaal_ingediend", "gewijzigd_op"])


@transaction.atomic
def declaratie_regel_wijzigen(
    *,
    user,
    prestatie: Prestatie,
    geleverd_volume: int | None = None,
    begindatum: date | None = None,
    einddatum: date | None = None,
) -> Prestatie:
    """The aanbieder edits a concept debet line; the bedrag follows (TR346)."""
    _eigen_concept(user, prestatie.declaratie)
    if prestatie.is_credit:
        raise ApplicationError(
            "Een creditregel neemt de gecrediteerde regel over en is niet te wijzigen."
        )
    if geleverd_volume is not None:
        if geleverd_volume < 0:
            raise ApplicationError("Het geleverde volume kan niet negatief zijn.")
        prestatie.geleverd_volume = geleverd_volume
    prestatie.begindatum = begindatum or prestatie.begindatum
    prestatie.einddatum = einddatum or prestatie.einddatum
    if prestatie.einddatum < prestatie.begindatum:
        raise ApplicationError("De einddatum ligt voor de begindatum.")
    tarief = prestatie.product_tarief
    if prestatie.toewijzing is not None and prestatie.eenheid != EURO:
        tarief = _tarief(prestatie.toewijzing, prestatie.begindatum) or tarief
        prestatie.product_tarief = _producttarief(tarief)
    prestatie.ingediend_bedrag = _bedrag(
        prestatie.geleverd_volume, prestatie.eenheid, tarief
    )
    prestatie.retourcodes = []
    prestatie.save()
    _bij_totaal(prestatie.declaratie)
    return prestatie


@transaction.atomic
def declaratie_regel_verwijderen(*, user, prestatie: Prestatie) -> None:
    _eigen_concept(user, prestatie.declaratie)
    declaratie = prestatie.declaratie
    prestatie.delete()
    _bij_totaal(declaratie)


def declaratieperiode(aanbieder: Aanbieder, gemeente, maand: date) -> date:
    """The DeclaratiePeriode for lines of `maand`: that month, or the last one
    declared at this gemeente when that is later (OP354/TR318: never before it;
    OP280: lines of earlier months are allowed)."""
    laatste = (
        Declaratie.objects.filter(aanbieder=aanbieder, gemeente=gemeente)
        .exclude(status__in=[DeclaratieStatus.CONCEPT, DeclaratieStatus.AFGEKEURD])
        .aggregate(laatste=Max("periode_begin"))["laatste"]
    )
    return max(regels.maand_begin(maand), laatste or date.min)
