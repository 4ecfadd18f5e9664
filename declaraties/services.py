"""Declareren: propose, edit, pre-check, send, credit and correct (aanbieder side).

Only aanbieder users make and send 323s. A line is proposed only for a started
toewijzing (R-D1), one debet line per toewijzing and ProductPeriode (R-D6,
TR416), the volume within the toegewezen omvang (TR321, IV076/IV077), the tarief
from the contract (TR418) and bedrag = volume × tarief (TR346). Hulpmiddelen
(categorie 11–14, frequentie 6) are declared once, in the first full month (R-D7).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Sum
from django.utils import formats, timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import BerichtStatus
from berichten.models import Bericht
from berichten.regels import controleer_inhoud
from berichten.verkeer import (
    bericht_versturen,
    header,
    retour_versturen,
    volgend_nummer,
)
from berichten.xml import codec
from berichten.xml.types import BerichtIdentificatie, Header
from core import codelijsten
from core.constants import Rol
from core.exceptions import ApplicationError
from declaraties import checks
from declaraties.constants import (
    EURO,
    VERWIJDERD,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.handlers import termijnen
from declaraties.mappers import indeling, saldo, wmo323
from declaraties.models import Declaratie, Prestatie
from stamgegevens.models import Aanbieder, Tarief
from toewijzingen.models import Toewijzing

PROEF = "PROEF"  # Identificatie and DeclaratieNummer of a proefdeclaratie: never sent


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
        tarieven = checks.tarieven_van([toewijzing])
    return checks.contracttarief(tarieven, toewijzing, begindatum)


def _maand(periode: date) -> tuple[date, date]:
    begin = checks.maand_begin(periode)
    eind = checks.maand_eind(periode)
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
    totalen = {t.pk: checks.max_volume_totaal(t) for t in toewijzingen}
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
            gestart=checks.heeft_start(), gedeclareerd=_al_gedeclareerd(begin, eind)
        )
        .filter(gestart=True, gedeclareerd=False)
        .select_related("product", "client", "gemeente", "contract")
        .prefetch_related(checks.actuele_leveringen())
        .order_by("gemeente__code", "client__bsn", "toewijzing_nummer")
    )
    tarieven = checks.tarieven_van(toewijzingen)
    over = _nog_toegewezen(toewijzingen)
    voorstellen = []
    for t in toewijzingen:
        if checks.is_hulpmiddel(t) and checks.eerste_volle_maand(t) != begin:
            continue  # R-D7: once, in the first full month
        productperiode = checks.product_periode(t, begin)
        if productperiode is not None:
            zorg = checks.zorgperioden(t.actueel)
            productperiode = checks.geleverde_periode(productperiode, zorg)
        if productperiode is None:
            continue
        eenheid = t.eenheid or t.product.eenheid
        volume = checks.max_volume_per_periode(t, *productperiode) or 0
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
        defaults={"periode_eind": checks.maand_eind(begin), "aangemaakt_door": user},
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
    maand = checks.maand_begin(periode)
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


# --- proefdeclaratie and sending ----------------------------------------------------


@dataclass
class Proef:
    """What the gemeente would answer, per line, without sending anything."""

    bevindingen: list[Bevinding]
    per_prestatie: dict[int, list[Bevinding]] = field(
        default_factory=dict
    )  # by Prestatie pk
    declaratie: list[Bevinding] = field(default_factory=list)  # Header / Declaratie
    afgekeurd_op_inhoud: bool = (
        False  # level 2: the whole 323 would come back with 0001
    )

    def retourcodes(self, prestatie: Prestatie) -> list[str]:
        codes: list[str] = []
        for b in self.declaratie + self.per_prestatie.get(prestatie.pk, []):
            if b.retourcode and b.retourcode not in codes:
                codes.append(b.retourcode)
        return codes

    @property
    def goedgekeurd(self) -> bool:
        return not any(b.retourcode for b in self.bevindingen)


def _bericht(declaratie: Declaratie, identificatie_header: Header):
    prestaties = list(declaratie.prestaties.all())
    return prestaties, wmo323(
        header=identificatie_header, declaratie=declaratie, prestaties=prestaties
    )


def _prestatie_pad(pad: str, prestaties: dict[str, int]) -> str | None:
    """The Prestatie that is `pad` or holds it; None for the Header or Declaratie."""
    while pad and pad not in prestaties:
        pad = pad.rpartition("/")[0]
    return pad or None


def declaratie_proef(*, user, declaratie: Declaratie) -> Proef:
    """Run the gemeente's checks (level 2 and levels 3/4) on a concept; saves nothing."""
    aanbieder = _eigen_concept(user, declaratie)
    vandaag = timezone.localdate()
    was = declaratie.dagtekening, declaratie.declaratie_nummer
    declaratie.dagtekening = vandaag
    declaratie.declaratie_nummer = declaratie.declaratie_nummer or PROEF
    prestaties, message = _bericht(
        declaratie,
        Header(
            afzender=aanbieder.agb_code,
            ontvanger=declaratie.gemeente.code,
            bericht_identificatie=BerichtIdentificatie(
                identificatie=PROEF, dagtekening=vandaag
            ),
        ),
    )
    declaratie.dagtekening, declaratie.declaratie_nummer = was
    inhoud = controleer_inhoud(message)
    controle = checks.controleer_declaratie(
        message, gemeente=declaratie.gemeente, aanbieder=aanbieder, eigen=declaratie
    )
    bevindingen = inhoud + controle.bevindingen

    pk_per_pad = {
        paden.prestatie(cnr, pnr): p.pk
        for cnr, (_bsn, regels) in enumerate(indeling(prestaties), start=1)
        for pnr, p in enumerate(regels, start=1)
    }
    proef = Proef(bevindingen=bevindingen, afgekeurd_op_inhoud=bool(inhoud))
    for b in bevindingen:
        pad = _prestatie_pad(b.pad, pk_per_pad)
        if pad is None:
            proef.declaratie.append(b)
        else:
            proef.per_prestatie.setdefault(pk_per_pad[pad], []).append(b)
    return proef


@transaction.atomic
def declaratie_indienen(*, user, declaratie: Declaratie) -> Bericht:
    """Number, encode, XSD-check and send the 323; in the portal the 325 comes back at once."""
    aanbieder = _eigen_concept(user, declaratie)
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if not declaratie.prestaties.exists():
        raise ApplicationError(
            "Een declaratie zonder regels kan niet worden verstuurd."
        )
    declaratie.declaratie_nummer = (
        declaratie.declaratie_nummer or nieuw_declaratienummer(aanbieder)
    )
    declaratie.dagtekening = timezone.localdate()
    prestaties, message = _bericht(
        declaratie,
        header(
            bericht_type="WMO323",
            afzender=aanbieder.agb_code,
            ontvanger=declaratie.gemeente.code,
        ),
    )
    declaratie.totaal_ingediend = saldo(prestaties)
    declaratie.aanbieder_vastleggen()  # the factuur keeps what it was sent with
    declaratie.save()

    bericht = bericht_versturen(message=message, user=user)

    declaratie.refresh_from_db()
    if (
        declaratie.is_concept
        and declaratie.bericht_id is None
        and bericht.status == BerichtStatus.IN_OUTBOX
    ):
        # The gemeente works outside the portal: the 325 comes later, by import.
        declaratie.status = DeclaratieStatus.INGEDIEND
        declaratie.bericht = bericht
        declaratie.ingediend_op = timezone.now()
        for naam, datum in termijnen(timezone.localdate()).items():
            setattr(declaratie, naam, datum)
        declaratie.save()
    return bericht


# --- crediting and correcting (R-D5, OP366, TR323) ------------------------------------


def declaratieperiode(aanbieder: Aanbieder, gemeente, maand: date) -> date:
    """The DeclaratiePeriode for lines of `maand`: that month, or the last one
    declared at this gemeente when that is later (OP354/TR318: never before it;
    OP280: lines of earlier months are allowed)."""
    laatste = (
        Declaratie.objects.filter(aanbieder=aanbieder, gemeente=gemeente)
        .exclude(status__in=[DeclaratieStatus.CONCEPT, DeclaratieStatus.AFGEKEURD])
        .aggregate(laatste=Max("periode_begin"))["laatste"]
    )
    return max(checks.maand_begin(maand), laatste or date.min)


def _correctieperiode(prestatie: Prestatie) -> date:
    """A credit or correction goes in the last month that has ended, or later."""
    vorige_maand = checks.maand_begin(
        checks.maand_begin(timezone.localdate()) - timedelta(days=1)
    )
    return declaratieperiode(
        prestatie.aanbieder, prestatie.declaratie.gemeente, vorige_maand
    )


def _eigen_prestatie(user, prestatie: Prestatie) -> Aanbieder:
    aanbieder = _eigen(user, prestatie.declaratie)
    if prestatie.is_credit:
        raise ApplicationError(
            "Een creditregel kan niet worden gecrediteerd of gecorrigeerd."
        )
    return aanbieder


def _crediteer(prestatie: Prestatie, concept: Declaratie) -> Prestatie:
    if prestatie.status != PrestatieStatus.GOEDGEKEURD:
        raise ApplicationError(
            "Alleen een goedgekeurde debetregel kan worden gecrediteerd (TR323); "
            "een afgekeurde regel corrigeert u met een nieuwe regel.",
            code="TR323",
        )
    if prestatie.gecrediteerd_door is not None:
        raise ApplicationError("Deze regel is al gecrediteerd (TR390).", code="TR390")
    return _opvolger(
        prestatie,
        concept,
        vorig_referentie_nummer=prestatie.product_referentie,
        debet_credit=DebetCredit.CREDIT,
    )


# The fields a credit or a correction takes over from the line before it.
OVERGENOMEN = [
    "client",
    "bsn",
    "toewijzing",
    "toewijzing_nummer",
    "product_categorie",
    "product_code",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "eenheid",
    "product_tarief",
    "ingediend_bedrag",
]


def _opvolger(prestatie: Prestatie, concept: Declaratie, **anders) -> Prestatie:
    """A new line after `prestatie` in the chain: a copy with `anders` changed."""
    velden = {naam: getattr(prestatie, naam) for naam in OVERGENOMEN}
    return _nieuwe_regel(concept, vorig_referentie=prestatie, **(velden | anders))


@transaction.atomic
def prestatie_crediteren(*, user, prestatie: Prestatie) -> Prestatie:
    """A full credit of an approved debet line, in a concept declaratie (CD060, TR323)."""
    aanbieder = _eigen_prestatie(user, prestatie)
    concept = _concept(
        aanbieder, prestatie.declaratie.gemeente, _correctieperiode(prestatie), user
    )
    credit = _crediteer(prestatie, concept)
    _bij_totaal(concept)
    return credit


@transaction.atomic
def prestatie_corrigeren(
    *,
    user,
    prestatie: Prestatie,
    geleverd_volume: int | None = None,
    begindatum: date | None = None,
    einddatum: date | None = None,
) -> Prestatie:
    """A corrected debet line in a concept declaratie (new DeclaratieNummer on sending, R-D5).

    An approved line is credited first, in the same declaratie (OP366: the gemeente
    processes credit before debet); a rejected line was never approved and is only
    sent again (a credit of it would be refused with 8017).
    """
    aanbieder = _eigen_prestatie(user, prestatie)
    if prestatie.status == PrestatieStatus.CONCEPT:
        raise ApplicationError(
            "Een conceptregel wijzigt u in de conceptdeclaratie zelf."
        )
    if prestatie.vervangen_door is not None:
        raise ApplicationError("Deze regel is al gecorrigeerd.", code="gecorrigeerd")
    concept = _concept(
        aanbieder, prestatie.declaratie.gemeente, _correctieperiode(prestatie), user
    )
    if (
        prestatie.status == PrestatieStatus.GOEDGEKEURD
        and prestatie.gecrediteerd_door is None
    ):
        _crediteer(prestatie, concept)
    volume = prestatie.geleverd_volume if geleverd_volume is None else geleverd_volume
    toewijzing = prestatie.toewijzing
    begin = begindatum or prestatie.begindatum
    tarief = prestatie.product_tarief
    if toewijzing is not None and prestatie.eenheid != EURO:
        # TR418: the contract's tarief of the line's own ProductPeriode decides.
        tarief = _tarief(toewijzing, begin) or tarief
    # vorig_referentie is the chain only: a debet line sends no VorigReferentieNummer.
    nieuw = _opvolger(
        prestatie,
        concept,
        begindatum=begin,
        einddatum=einddatum or prestatie.einddatum,
        geleverd_volume=volume,
        product_tarief=_producttarief(tarief),
        ingediend_bedrag=_bedrag(volume, prestatie.eenheid, tarief),
    )
    _bij_totaal(concept)
    return nieuw


# --- the gemeente's review step (Gemeente.declaraties_beoordelen, R-D8) ---------------

# Codes a contract manager cannot give: "all is well" and the technical ones.
NIET_TE_GEVEN = {"0001", "0200", "0233", "8001", "9056"}


def beoordeling_retourcodes() -> list[tuple[str, str]]:
    """The retourcodes of the codelist a contract manager may reject with."""
    return [
        (code, f"{code} – {tekst}")
        for code, tekst in codelijsten.codes(codelijsten.RETOURCODE).items()
        if code not in NIET_TE_GEVEN
    ]


def _beoordelaar(user, declaratie: Declaratie) -> Declaratie:
    """Only a contract manager of the declaratie's gemeente, while it waits."""
    if not getattr(user, "is_gemeente", False) or not (
        Declaratie.objects.visible_to(user).filter(pk=declaratie.pk).exists()
    ):
        raise ApplicationError(
            "Alleen een contractmanager van de gemeente beoordeelt een declaratie.",
            code="rol",
        )
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.status != DeclaratieStatus.TE_BEOORDELEN:
        raise ApplicationError(
            "Deze declaratie wacht niet (meer) op beoordeling.", code="status"
        )
    return declaratie


def _retourcode(retourcode: str) -> str:
    if retourcode not in dict(beoordeling_retourcodes()):
        raise ApplicationError(
            f"Retourcode {retourcode} is geen code om mee af te keuren.",
            code="retourcode",
        )
    return retourcode


@transaction.atomic
def prestatie_afkeuren(
    *, user, prestatie: Prestatie, retourcode: str, reden: str = ""
) -> Prestatie:
    """The contract manager rejects one line waiting for review, with a code."""
    _beoordelaar(user, prestatie.declaratie)
    if prestatie.status != PrestatieStatus.TE_BEOORDELEN:
        raise ApplicationError("Deze regel wacht niet op beoordeling.", code="status")
    code = _retourcode(retourcode)
    prestatie.status = PrestatieStatus.AFGEKEURD
    prestatie.retourcodes = [code]
    prestatie.beoordeling_reden = (
        reden.strip() or codelijsten.omschrijving(codelijsten.RETOURCODE, retourcode)
    )[:200]
    prestatie.save(update_fields=["status", "retourcodes", "beoordeling_reden"])
    return prestatie


@transaction.atomic
def prestatie_terugzetten(*, user, prestatie: Prestatie) -> Prestatie:
    """Undo the contract manager's rejection: the line waits for review again.
    A line the automatic checks rejected stays rejected."""
    _beoordelaar(user, prestatie.declaratie)
    if not prestatie.beoordeling_reden:
        raise ApplicationError(
            "Alleen een regel die u zelf afkeurde, zet u terug.", code="status"
        )
    prestatie.status = PrestatieStatus.TE_BEOORDELEN
    prestatie.retourcodes, prestatie.beoordeling_reden = [], ""
    prestatie.save(update_fields=["status", "retourcodes", "beoordeling_reden"])
    return prestatie


def _paden(declaratie: Declaratie) -> dict[str, str]:
    """ProductReferentie → the Prestatie's path in the 323 as it came in."""
    message = codec.decode(declaratie.bericht.xml)
    return {
        p.product_referentie.referentie_nummer: paden.prestatie(cnr, pnr)
        for cnr, client in enumerate(message.declaratie.clienten, start=1)
        for pnr, p in enumerate(client.prestaties, start=1)
    }


def _automatisch(declaratie: Declaratie) -> list[Bevinding]:
    """The findings of the automatic checks, as stored with the 323."""
    return [Bevinding(**b) for b in declaratie.bericht.bevindingen]


@transaction.atomic
def declaratie_goedkeuren(*, user, declaratie: Declaratie) -> Bericht:
    """End the review: the lines still waiting are approved, the 325 is sent with
    the automatic findings and the contract manager's rejections."""
    declaratie = _beoordelaar(user, declaratie)
    paden_ = _paden(declaratie)
    bevindingen = _automatisch(declaratie)
    regels = list(declaratie.prestaties.all())
    for p in regels:
        if p.beoordeling_reden:
            bevindingen.append(
                Bevinding(
                    niveau=4,
                    regel="Beoordeling",
                    retourcode=p.retourcodes[0],
                    pad=paden_[p.product_referentie],
                    tekst=p.beoordeling_reden,
                )
            )
    declaratie.prestaties.filter(status=PrestatieStatus.TE_BEOORDELEN).update(
        status=PrestatieStatus.GOEDGEKEURD
    )
    goedgekeurd = [
        p
        for p in regels
        if p.status in (PrestatieStatus.TE_BEOORDELEN, PrestatieStatus.GOEDGEKEURD)
    ]
    declaratie.totaal_toegekend = saldo(goedgekeurd)
    declaratie.retourcodes = ["8001" if len(goedgekeurd) == len(regels) else "0200"]
    return _beoordeling_af(user, declaratie, DeclaratieStatus.BEANTWOORD, bevindingen)


@transaction.atomic
def declaratie_afkeuren(
    *, user, declaratie: Declaratie, retourcode: str, reden: str = ""
) -> Bericht:
    """Reject the whole declaratie: nothing is paid, the 325 carries the code."""
    declaratie = _beoordelaar(user, declaratie)
    code = _retourcode(retourcode)
    tekst = reden.strip() or codelijsten.omschrijving(codelijsten.RETOURCODE, code)
    bevindingen = _automatisch(declaratie) + [
        Bevinding(
            niveau=4,
            regel="Beoordeling",
            retourcode=code,
            pad=paden.DECLARATIE,
            tekst=tekst,
        )
    ]
    declaratie.bericht.bevindingen = [b.as_dict() for b in bevindingen]
    declaratie.bericht.save(update_fields=["bevindingen"])
    declaratie.prestaties.update(
        status=PrestatieStatus.AFGEKEURD,
        retourcodes=[code],
        beoordeling_reden=tekst[:200],
    )
    declaratie.totaal_toegekend = 0
    declaratie.retourcodes = [code]
    return _beoordeling_af(user, declaratie, DeclaratieStatus.AFGEKEURD, bevindingen)


def _beoordeling_af(
    user, declaratie: Declaratie, status: str, bevindingen: list[Bevinding]
) -> Bericht:
    declaratie.status = status
    declaratie.beoordeeld_door = user
    declaratie.beantwoord_op = timezone.now()
    declaratie.save()
    return retour_versturen(bericht=declaratie.bericht, bevindingen=bevindingen)
