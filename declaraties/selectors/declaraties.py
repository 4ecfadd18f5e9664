"""Read-side of declaraties, always scoped to the user: lists, work list, factuur, uitval."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import codelijsten, werkdagen
from core.privacy import mask_bsn
from core.selectie import Filters, op_velden
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.hints import hint
from declaraties.models import Declaratie, Prestatie
from declaraties.regels import tarieven_van
from stamgegevens.models import Product

# --- lists ------------------------------------------------------------------------------


def _regels_geteld(**voorwaarden) -> Coalesce:
    """The number of lines of the outer declaratie matching `voorwaarden`, as a
    correlated subquery: it is counted for the rows of the page only, through the
    index on (declaratie, status), instead of grouping every line of every
    declaratie the user sees."""
    aantal = (
        Prestatie.objects.filter(declaratie=OuterRef("pk"), **voorwaarden)
        .order_by()
        .values("declaratie")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(aantal, output_field=IntegerField()), 0)


def declaratie_list(*, user, filters: Filters = None) -> QuerySet[Declaratie]:
    """The declaraties the user may see, with counts per line status.

    filters: aanbieder (id), gemeente (id), status (DeclaratieStatus)."""
    declaraties = op_velden(
        Declaratie.objects.visible_to(user),
        filters,
        {"aanbieder": "aanbieder_id", "gemeente": "gemeente_id", "status": "status"},
    )
    return declaraties.select_related("aanbieder", "gemeente").annotate(
        aantal_regels=_regels_geteld(),
        aantal_goedgekeurd=_regels_geteld(status=PrestatieStatus.GOEDGEKEURD),
        aantal_afgekeurd=_regels_geteld(status=PrestatieStatus.AFGEKEURD),
        aantal_start_ontbreekt=_regels_geteld(start_ontbreekt=True),
    )


def declaratie_detail(*, user, pk: int) -> Declaratie:
    """Raises Declaratie.DoesNotExist when the user may not see it."""
    return declaratie_list(user=user).get(pk=pk)


def _met_keten(qs: QuerySet[Prestatie]) -> QuerySet[Prestatie]:
    return qs.select_related(
        "declaratie", "client", "toewijzing", "vorig_referentie__declaratie"
    ).prefetch_related(
        Prefetch(
            "opvolgers",
            queryset=Prestatie.objects.select_related("declaratie").order_by("id"),
        )
    )


def prestaties_van(*, user, declaratie: Declaratie) -> list[Prestatie]:
    return list(
        _met_keten(
            Prestatie.objects.visible_to(user).filter(declaratie=declaratie)
        ).order_by("bsn", "-debet_credit", "id")
    )


def keten(prestatie: Prestatie) -> list[Prestatie]:
    """The chain original → credit → new line this line belongs to, oldest first."""
    begin = prestatie
    while begin.vorig_referentie_id:
        begin = begin.vorig_referentie
    regels, rij = [], [begin]
    while rij:
        p = rij.pop(0)
        regels.append(p)
        rij.extend(p.opvolgers.order_by("id"))
    return regels


def start_ontbreekt(*, user) -> QuerySet[Prestatie]:
    """OP364: lines declared without a known start zorg, for the contractmanager."""
    return (
        _met_keten(Prestatie.objects.visible_to(user).filter(start_ontbreekt=True))
        .select_related("aanbieder")
        .order_by("-declaratie__periode_begin", "bsn", "id")
    )


@dataclass
class Antwoordtermijn:
    """R-D8: by when the 325 must leave, and how many werkdagen are left."""

    uiterlijk: date
    contract: date | None
    werkdagen_over: int
    verlopen: bool


def antwoordtermijn(
    declaratie: Declaratie, op: date | None = None
) -> Antwoordtermijn | None:
    if declaratie.antwoord_uiterlijk is None:
        return None
    op = op or timezone.localdate()
    return Antwoordtermijn(
        uiterlijk=declaratie.antwoord_uiterlijk,
        contract=declaratie.contract_uiterlijk,
        werkdagen_over=werkdagen.werkdagen_tussen(op, declaratie.antwoord_uiterlijk),
        verlopen=op > declaratie.antwoord_uiterlijk,
    )


def goedgekeurde_declaraties(
    *, user, periode: date | str | None = None, ook_betaald: bool = False
) -> QuerySet[Declaratie]:
    """What the gemeente pays: its answered declaraties with something toegekend
    (not the ones rejected as a whole, in review or not yet answered), and not
    the ones an earlier payment file paid unless `ook_betaald`."""
    qs = (
        Declaratie.objects.visible_to(user)
        .filter(status=DeclaratieStatus.BEANTWOORD)
        .exclude(totaal_toegekend=0)
        .exclude(totaal_toegekend__isnull=True)
        .select_related("aanbieder")
        .order_by("aanbieder__naam", "periode_begin", "id")
    )
    if not ook_betaald:
        qs = qs.filter(betaalbestand_op__isnull=True)
    return qs.filter(periode_begin=periode) if periode else qs


# --- the work list of rejected lines ------------------------------------------------


@dataclass
class Retourcode:
    code: str
    tekst: str
    hint: str


def retourcode(code: str) -> Retourcode:
    return Retourcode(
        code=code,
        tekst=codelijsten.omschrijving(codelijsten.RETOURCODE, code),
        hint=hint(code),
    )


@dataclass
class AfgekeurdeRegel:
    prestatie: Prestatie
    bsn: str  # masked
    client_naam: str
    product: str
    begindatum: date
    einddatum: date
    bedrag: int  # eurocent, credit negative
    retourcodes: list[Retourcode]
    keten: list[Prestatie] = field(default_factory=list)


def afgekeurde_regels(
    *, user, declaratie: Declaratie | None = None
) -> list[AfgekeurdeRegel]:
    """Rejected lines that are not corrected yet, with the Dutch text and a hint per code."""
    qs = Prestatie.objects.visible_to(user).filter(status=PrestatieStatus.AFGEKEURD)
    if declaratie is not None:
        qs = qs.filter(declaratie=declaratie)
    regels = []
    for p in _met_keten(qs).order_by("-declaratie__periode_begin", "bsn", "id"):
        if p.vervangen_door is not None:
            continue
        regels.append(
            AfgekeurdeRegel(
                prestatie=p,
                bsn=mask_bsn(p.bsn),
                client_naam=p.client.naam if p.client else "",
                product=f"{p.product_categorie}/{p.product_code}",
                begindatum=p.begindatum,
                einddatum=p.einddatum,
                bedrag=p.bedrag,
                retourcodes=[retourcode(c) for c in p.retourcodes],
                keten=keten(p) if p.vorig_referentie_id or p.opvolgers.all() else [p],
            )
        )
    return regels


@dataclass
class Uitval:
    maand: date
    retourcode: Retourcode
    aantal: int
    bedrag: int


def uitval_per_retourcode(*, user) -> list[Uitval]:
    """Rejected lines per declaratie month and retourcode (a line counts once per code).
    The database groups the lines by month, list of codes and debet/credit; only the
    groups (a few hundred, not every rejected line) are spread over their codes here."""
    telling: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    groepen = (
        Prestatie.objects.visible_to(user)
        .filter(status=PrestatieStatus.AFGEKEURD)
        .values("declaratie__periode_begin", "retourcodes", "debet_credit")
        .annotate(n=Count("*"), som=Sum("ingediend_bedrag"))
        .order_by()
        .values_list(
            "declaratie__periode_begin", "retourcodes", "debet_credit", "n", "som"
        )
    )
    for maand, codes, dc, aantal, bedrag in groepen:
        for code in codes:
            telling[(maand, code)][0] += aantal
            telling[(maand, code)][1] += -bedrag if dc == "C" else bedrag
    return [
        Uitval(maand=maand, retourcode=retourcode(code), aantal=aantal, bedrag=bedrag)
        for (maand, code), (aantal, bedrag) in sorted(
            telling.items(), key=lambda i: (i[0][0], i[0][1])
        )
    ]


# --- the factuur (R-D4) ----------------------------------------------------------------


@dataclass
class Factuurregel:
    product_categorie: str
    product_code: str
    omschrijving: str
    eenheid: str
    eenheid_omschrijving: str
    tarief: int | None  # eurocent per eenheid; None at Eenheid 83
    volume: int  # credit negative
    bedrag: int  # eurocent incl. btw, credit negative
    btw_percentage: Decimal


@dataclass
class Btw:
    percentage: Decimal
    excl: int
    btw: int
    incl: int


@dataclass
class Factuur:
    # aanbieder
    naam: str
    adres: str
    agb_code: str
    btw_nummer: str
    kvk_nummer: str
    iban: str
    # opdrachtgever
    gemeente: str
    # factuur
    factuurnummer: str
    factuurdatum: date | None
    periode_begin: date
    periode_eind: date
    regels: list[Factuurregel]
    btw: list[Btw]
    totaal_excl: int
    totaal_btw: int
    totaal_incl: int
    te_ontvangen: int  # eurocent, ≥ 0
    terug_te_betalen: int  # eurocent, ≥ 0
    toegekend: int | None  # after the 325
    vastgelegd: bool = False  # the aanbieder as it was when the 323 was sent


def _excl(incl: int, percentage: Decimal) -> int:
    """The amount excl. btw in a price incl. btw, rounded to a cent."""
    waarde = Decimal(incl) * 100 / (100 + percentage)
    return int(waarde.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def factuur(*, user, declaratie: Declaratie) -> Factuur:
    """Everything an invoice carries (R-D4, seed 002 §12); factuurnummer = DeclaratieNummer.

    Amounts in a 323 are incl. btw (R-T4: "in eurocenten incl. btw"); the btw
    per percentage comes from the contract of each line's toewijzing.
    """
    declaratie = declaratie_detail(user=user, pk=declaratie.pk)
    aanbieder = declaratie.factuurgegevens  # as sent: a later change keeps out
    prestaties = list(
        Prestatie.objects.visible_to(user)
        .filter(declaratie=declaratie)
        .select_related("toewijzing")
    )
    contractproducten = tarieven_van(p.toewijzing for p in prestaties if p.toewijzing)
    omschrijvingen = dict(
        ((p.categorie, p.code), p.omschrijving)
        for p in Product.objects.filter(code__in={p.product_code for p in prestaties})
    )
    groepen: dict[tuple, Factuurregel] = {}
    for p in prestaties:
        percentage = Decimal(0)
        if p.toewijzing:
            cp = contractproducten.get(
                (p.toewijzing.contract_id, p.toewijzing.product_id)
            )
            percentage = cp.btw_percentage if cp else Decimal(0)
        sleutel = (
            p.product_categorie,
            p.product_code,
            p.eenheid,
            p.product_tarief,
            percentage,
        )
        regel = groepen.setdefault(
            sleutel,
            Factuurregel(
                product_categorie=p.product_categorie,
                product_code=p.product_code,
                omschrijving=omschrijvingen.get(
                    (p.product_categorie, p.product_code), ""
                ),
                eenheid=p.eenheid,
                eenheid_omschrijving=codelijsten.omschrijving(
                    codelijsten.EENHEID, p.eenheid
                ),
                tarief=p.product_tarief,
                volume=0,
                bedrag=0,
                btw_percentage=percentage,
            ),
        )
        regel.volume += -p.geleverd_volume if p.is_credit else p.geleverd_volume
        regel.bedrag += p.bedrag
    per_percentage: dict[Decimal, int] = defaultdict(int)
    for regel in groepen.values():
        per_percentage[regel.btw_percentage] += regel.bedrag
    btw = []
    for percentage, incl in sorted(per_percentage.items()):
        excl = _excl(incl, percentage)
        btw.append(Btw(percentage=percentage, excl=excl, btw=incl - excl, incl=incl))
    totaal_incl = sum(b.incl for b in btw)
    return Factuur(
        naam=aanbieder["naam"],
        adres=aanbieder["adres"],
        agb_code=aanbieder["agb_code"],
        btw_nummer=aanbieder["btw_nummer"],
        kvk_nummer=aanbieder["kvk_nummer"],
        iban=aanbieder["iban"],
        gemeente=str(declaratie.gemeente),
        factuurnummer=declaratie.declaratie_nummer,
        factuurdatum=declaratie.dagtekening,
        periode_begin=declaratie.periode_begin,
        periode_eind=declaratie.periode_eind,
        regels=sorted(
            groepen.values(), key=lambda r: (r.product_categorie, r.product_code)
        ),
        btw=btw,
        totaal_excl=sum(b.excl for b in btw),
        totaal_btw=sum(b.btw for b in btw),
        totaal_incl=totaal_incl,
        te_ontvangen=max(totaal_incl, 0),
        terug_te_betalen=max(-totaal_incl, 0),
        toegekend=declaratie.totaal_toegekend,
        vastgelegd=bool(declaratie.aanbieder_bij_verzending),
    )


def getekend(pad: str = "") -> Case:
    """A line's amount with its sign (credit negative); `pad` leads to the line."""
    return Case(
        When(
            **{f"{pad}debet_credit": DebetCredit.CREDIT},
            then=-F(f"{pad}ingediend_bedrag"),
        ),
        default=F(f"{pad}ingediend_bedrag"),
        output_field=BigIntegerField(),
    )


def met_afgewezen(declaraties: QuerySet[Declaratie]) -> QuerySet[Declaratie]:
    """Adds `totaal_afgewezen`: the signed sum of the rejected lines (eurocent).

    A correlated subquery per declaratie (index on declaratie and status), so a
    page sums its own rows only and the list is not grouped over every line."""
    som = (
        Prestatie.objects.filter(
            declaratie=OuterRef("pk"), status=PrestatieStatus.AFGEKEURD
        )
        .order_by()
        .values("declaratie")
        .annotate(som=Sum(getekend()))
        .values("som")
    )
    return declaraties.annotate(
        totaal_afgewezen=Coalesce(
            Subquery(som, output_field=BigIntegerField()), Value(0)
        )
    )


# --- the API ----------------------------------------------------------------------------


def declaratie_api_list(*, user, filters: Filters = None) -> QuerySet[Declaratie]:
    """The declaraties for the API, with counts per line status and the afgewezen
    total. The 323 and 325 are linked by id: their XML is not loaded."""
    return met_afgewezen(declaratie_list(user=user, filters=filters)).order_by(
        "-periode_begin", "-id"
    )


def prestatie_list(*, user, filters: Filters = None) -> QuerySet[Prestatie]:
    """The lines the user may see, with what an API row shows joined in one query;
    newest first by id, which the primary key index serves (ordering on a column of
    the declaratie would sort a large gemeente's million lines for every page).

    filters: declaratie (id), status (PrestatieStatus)."""
    prestaties = op_velden(
        Prestatie.objects.visible_to(user),
        filters,
        {"declaratie": "declaratie_id", "status": "status"},
    )
    return prestaties.select_related("declaratie__gemeente", "aanbieder").order_by(
        "-id"
    )


# --- for toewijzingen (TR385) ---------------------------------------------------


def goedgekeurd_niet_gecrediteerd(
    toewijzing, *, na: date | None = None
) -> QuerySet[Prestatie]:
    """TR385: approved debet lines of this toewijzing without an approved credit;
    with `na`, only the lines whose productperiode runs past that date. Asked by
    toewijzingen through `toewijzingen.selectors.goedgekeurd_niet_gecrediteerd`."""
    gecrediteerd = Prestatie.objects.filter(
        vorig_referentie=OuterRef("pk"),
        debet_credit=DebetCredit.CREDIT,
        status=PrestatieStatus.GOEDGEKEURD,
    )
    qs = Prestatie.objects.filter(
        toewijzing=toewijzing,
        debet_credit=DebetCredit.DEBET,
        status=PrestatieStatus.GOEDGEKEURD,
    ).exclude(Exists(gecrediteerd))
    if na is not None:
        qs = qs.filter(einddatum__gt=na)
    return qs
