"""Levels 3 and 4 of a WMO323: the rules against the database (rules.md §5).

Set-based: `Gegevens.laden` reads everything the message needs in a constant
number of queries (toewijzingen by ToewijzingNummer, earlier Prestaties by
ProductReferentie, contract tarieven, …); then every rule is a small function
on one Prestatie in Python. A Prestatie is approved or rejected as a whole.
OP364 (no start zorg known) only flags the line, it never rejects it.
"""

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef, Prefetch, Sum
from django.utils import timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.regels.basis import ZONDER_DATABASE, nl
from berichten.regels.declaratie import buiten_afronding, is_credit, saldo
from berichten.xml.types import Prestatie as PrestatieBericht
from declaraties.constants import (
    EURO,
    HULP_BIJ_HET_HUISHOUDEN,
    HULPMIDDELEN,
    PER_DAG,
    PER_WEEK,
    TOTAAL,
    VERWIJDERD,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.models import Declaratie, Prestatie
from stamgegevens.constants import Uitvoeringsvariant
from stamgegevens.models import Aanbieder, ContractProduct, Gemeente, Product, Tarief
from toewijzingen.constants import LeveringSoort, StatusAanlevering
from toewijzingen.models import Levering, Toewijzing

DUBBELE_REFERENTIE = "8021"  # TR314

# --- periods and volumes ---------------------------------------------------------


def maand_begin(dag: date) -> date:
    return dag.replace(day=1)


def maand_eind(dag: date) -> date:
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def volgende_maand(dag: date) -> date:
    return maand_eind(dag) + timedelta(days=1)


def product_periode(toewijzing: Toewijzing, maand: date) -> tuple[date, date] | None:
    """IV089: the ProductPeriode of `toewijzing` in the month of `maand`, or None."""
    begin = max(maand_begin(maand), toewijzing.ingangsdatum)
    eind = maand_eind(maand)
    if toewijzing.einddatum:
        eind = min(eind, toewijzing.einddatum)
    return (begin, eind) if begin <= eind else None


def _weken(begin: date, eind: date) -> int:
    """The number of calendar week numbers with a day in begin..eind (IV077):
    ISO weeks run Monday to Sunday, so count the Mondays from begin's week on."""
    if eind < begin:
        return 0
    maandag = begin - timedelta(days=begin.weekday())
    return (eind - maandag).days // 7 + 1


def _zondagen(begin: date, eind: date) -> int:
    """The number of Sundays in begin..eind."""
    tot_zondag = (6 - begin.weekday()) % 7
    eerste = begin + timedelta(days=tot_zondag)
    return 0 if eerste > eind else (eind - eerste).days // 7 + 1


def _weken_outputgericht(toewijzing: Toewijzing, begin: date, eind: date) -> int:
    """IV077, outputgericht: the Sundays in the ProductPeriode, plus one week in the
    period of the toewijzing's last Sunday when its einddatum is not a Sunday (the
    period of the ingangsdatum when the toewijzing has no Sunday at all)."""
    weken = _zondagen(begin, eind)
    einde = toewijzing.einddatum
    if einde is not None and einde.weekday() != 6:
        laatste_zondag = einde - timedelta(days=(einde.weekday() + 1) % 7)
        if begin <= max(laatste_zondag, toewijzing.ingangsdatum) <= eind:
            weken += 1
    return weken


def is_outputgericht(toewijzing: Toewijzing) -> bool:
    """The uitvoeringsvariant of the toewijzing's contract (select_related it)."""
    return toewijzing.contract.uitvoeringsvariant == Uitvoeringsvariant.OUTPUTGERICHT


def max_volume_per_periode(
    toewijzing: Toewijzing, begin: date, eind: date
) -> int | None:
    """TR321, IV076/IV077: the toegewezen omvang within one ProductPeriode.

    Per week, by the uitvoeringsvariant of the contract (IV077): inspanningsgericht
    counts the calendar week numbers in the period (always 6 for hulp bij het
    huishouden); outputgericht counts the Sundays (plus the last, broken week)."""
    if toewijzing.volume is None:
        return None
    volume, frequentie = toewijzing.volume, toewijzing.frequentie
    if frequentie == PER_DAG:
        return volume * ((eind - begin).days + 1)
    if frequentie == PER_WEEK:
        if is_outputgericht(toewijzing):
            return _weken_outputgericht(toewijzing, begin, eind) * volume
        if toewijzing.product.categorie == HULP_BIJ_HET_HUISHOUDEN:
            return 6 * volume
        return _weken(begin, eind) * volume
    return volume  # per maand, or totaal (TR322 checks the sum)


def max_volume_totaal(toewijzing: Toewijzing) -> int | None:
    """TR322: the omvang over the whole toewijzing; None when it has no end.

    Per week (IV077): the calendar weeks of the whole toewijzingsperiode, each
    week once, × the weekvolume — not the sum of the months' maxima, which count a
    week that crosses a month end twice (and 6 weeks a month for hulp bij het
    huishouden). The standard's example: 3 uur per week, 07-10-2025 t/m
    30-12-2025 = 13 weeks = 39 uur, not 12 + 15 + 15 = 42.
    """
    if toewijzing.volume is None:
        return None
    if toewijzing.frequentie == TOTAAL:
        return toewijzing.volume
    if toewijzing.einddatum is None:
        return None
    if toewijzing.frequentie == PER_WEEK:
        weken = _weken(toewijzing.ingangsdatum, toewijzing.einddatum)
        return weken * toewijzing.volume
    totaal, maand = 0, maand_begin(toewijzing.ingangsdatum)
    while maand <= toewijzing.einddatum:
        periode = product_periode(toewijzing, maand)
        if periode:
            totaal += max_volume_per_periode(toewijzing, *periode) or 0
        maand = volgende_maand(maand)
    return totaal


def is_hulpmiddel(toewijzing: Toewijzing) -> bool:
    """R-D7 (seed 004 §1, §6): a hulpmiddel (categorie 11–14) at a vaste or
    variabele prijs, toegewezen once (frequentie 6). Onderhoud (frequentie 4) is
    declared every month; other products with frequentie 6 in any month."""
    return (
        toewijzing.product.categorie in HULPMIDDELEN and toewijzing.frequentie == TOTAAL
    )


def eerste_volle_maand(toewijzing: Toewijzing) -> date:
    """R-D7: a hulpmiddel is declared in the first full month of the toewijzing."""
    if toewijzing.ingangsdatum.day == 1:
        return toewijzing.ingangsdatum
    return volgende_maand(toewijzing.ingangsdatum)


def zorgperioden(leveringen: Iterable[Levering]) -> list[tuple[date, date | None]]:
    """The periods of care from the actual starts (305) and stops (307) of one
    toewijzing: a stop ends the start with its begindatum, a later start (a
    restart) opens a new period. Oldest first; None: not stopped."""
    stops = {
        lev.begindatum: lev.einddatum
        for lev in leveringen
        if lev.soort == LeveringSoort.STOP and lev.einddatum
    }
    return sorted(
        (lev.begindatum, stops.get(lev.begindatum))
        for lev in leveringen
        if lev.soort == LeveringSoort.START
    )


def geleverde_periode(
    periode: tuple[date, date], zorg: list[tuple[date, date | None]]
) -> tuple[date, date] | None:
    """The ProductPeriode `periode` ended by a stop zorg: None when no care ran
    in it; else it keeps its begin (TR387) and ends at the last stop in it, or
    runs to its end when care runs on."""
    begin, eind = periode
    einden = [
        eind if stop is None else min(stop, eind)
        for start, stop in zorg
        if start <= eind and (stop is None or stop >= begin)
    ]
    return (begin, max(einden)) if einden else None


def actuele_stops() -> Prefetch:
    """The actual stops zorg of toewijzingen, as `.stops` (one query, few rows)."""
    return Prefetch(
        "leveringen",
        queryset=Levering.objects.filter(
            soort=LeveringSoort.STOP,
            status_aanlevering=StatusAanlevering.EERSTE,
            vervallen=False,
        ),
        to_attr="stops",
    )


def actuele_leveringen() -> Prefetch:
    """The actual starts and stops of toewijzingen, as `.actueel` (one query)."""
    return Prefetch(
        "leveringen",
        queryset=Levering.objects.filter(
            status_aanlevering=StatusAanlevering.EERSTE, vervallen=False
        ).order_by("begindatum", "id"),
        to_attr="actueel",
    )


def bedrag_van(p: PrestatieBericht) -> int:
    """The amount that counts against a Budget: the volume in cents at Eenheid 83."""
    return p.geleverd_volume if p.eenheid == EURO else p.ingediend_bedrag.bedrag


def sleutel(p: PrestatieBericht) -> tuple:
    """TR416 / TR389: ToewijzingNummer + ProductPeriode + product."""
    periode = p.product_periode
    return (
        p.toewijzing_nummer,
        periode.begindatum,
        periode.einddatum,
        p.product_categorie,
        p.product_code,
    )


# --- what the message needs from the database ------------------------------------


@dataclass
class Gegevens:
    gemeente: Gemeente
    aanbieder: Aanbieder | None
    eigen: Declaratie | None  # the concept this 323 was made from (portal)
    nummer_bezet: bool  # TR333
    laatste_periode: date | None  # TR318 / OP354
    toewijzingen: dict[int, Toewijzing]  # by ToewijzingNummer, with .heeft_start
    tarieven: dict[tuple[int, int], ContractProduct]  # (contract, product)
    producten: set[tuple[str, str]]  # TR381
    eerdere: dict[str, Prestatie]  # earlier sent Prestaties by ProductReferentie
    goedgekeurd_debet: dict[tuple, list[Prestatie]]  # by sleutel(), not credited
    verbruikt_volume: dict[int, int]  # approved net volume per toewijzing
    verbruikt_bedrag: dict[int, int]  # approved net amount per toewijzing
    periode_eind: date  # of the DeclaratiePeriode (TR319)
    vandaag: date = field(default_factory=timezone.localdate)

    @classmethod
    def laden(
        cls,
        message,
        *,
        gemeente: Gemeente,
        aanbieder: Aanbieder | None,
        eigen: Declaratie | None = None,
    ) -> "Gegevens":
        """Everything in a fixed number of queries, whatever the number of lines."""
        regels = [
            p for client in message.declaratie.clienten for p in client.prestaties
        ]
        nummers = {p.toewijzing_nummer for p in regels}
        referenties = {p.product_referentie.referentie_nummer for p in regels} | {
            p.product_referentie.vorig_referentie_nummer
            for p in regels
            if p.product_referentie.vorig_referentie_nummer
        }
        verzonden = Prestatie.objects.filter(aanbieder=aanbieder).exclude(
            declaratie__status=DeclaratieStatus.CONCEPT
        )
        # A declaratie rejected as a whole counts as not sent (rules.md §6).
        andere = Declaratie.objects.filter(
            aanbieder=aanbieder, gemeente=gemeente
        ).exclude(status=DeclaratieStatus.AFGEKEURD)
        if eigen is not None:
            verzonden = verzonden.exclude(declaratie=eigen)
            andere = andere.exclude(pk=eigen.pk)
        goedgekeurd = verzonden.filter(status=PrestatieStatus.GOEDGEKEURD)
        toewijzingen = _toewijzingen(gemeente, aanbieder, nummers)
        volume, bedrag = _verbruikt(goedgekeurd, toewijzingen.values())
        return cls(
            gemeente=gemeente,
            aanbieder=aanbieder,
            eigen=eigen,
            nummer_bezet=andere.filter(
                declaratie_nummer=message.declaratie.declaratie_nummer
            ).exists(),
            laatste_periode=andere.exclude(status=DeclaratieStatus.CONCEPT).aggregate(
                laatste=Max("periode_begin")
            )["laatste"],
            toewijzingen=toewijzingen,
            tarieven=tarieven_van(toewijzingen.values()),
            producten=set(
                Product.objects.filter(
                    categorie__in={p.product_categorie for p in regels},
                    code__in={p.product_code for p in regels},
                ).values_list("categorie", "code")
            ),
            eerdere={
                p.product_referentie: p
                for p in verzonden.filter(product_referentie__in=referenties)
                .annotate(is_gecrediteerd=_gecrediteerd())
                .order_by("-is_duplicaat")  # the original comes last and wins
            },
            goedgekeurd_debet=_open_debet(goedgekeurd, gemeente, nummers),
            verbruikt_volume=volume,
            verbruikt_bedrag=bedrag,
            periode_eind=message.declaratie.declaratie_periode.einddatum,
        )


def _gecrediteerd() -> Exists:
    return Exists(
        Prestatie.objects.filter(
            vorig_referentie=OuterRef("pk"),
            debet_credit=DebetCredit.CREDIT,
            status=PrestatieStatus.GOEDGEKEURD,
        )
    )


def heeft_start() -> Exists:
    """R-D1 / OP364: a current start zorg (305) for the toewijzing."""
    return Exists(
        Levering.objects.filter(
            toewijzing=OuterRef("pk"),
            soort=LeveringSoort.START,
            status_aanlevering=StatusAanlevering.EERSTE,
            vervallen=False,
        )
    )


def _toewijzingen(gemeente, aanbieder, nummers: set[int]) -> dict[int, Toewijzing]:
    return {
        t.toewijzing_nummer: t
        for t in Toewijzing.objects.filter(
            gemeente=gemeente, aanbieder=aanbieder, toewijzing_nummer__in=nummers
        )
        .select_related("product", "client", "contract")
        .prefetch_related(actuele_stops())
        .annotate(heeft_start=heeft_start())
    }


def tarieven_van(
    toewijzingen: Iterable[Toewijzing],
) -> dict[tuple[int, int], ContractProduct]:
    """The ContractProduct of each toewijzing's (contract, product) with its tarief
    periods, in two queries whatever the number of lines (TR418: `contracttarief`)."""
    paren = {(t.contract_id, t.product_id) for t in toewijzingen}
    return {
        (cp.contract_id, cp.product_id): cp
        for cp in ContractProduct.objects.filter(
            contract_id__in={c for c, _ in paren},
            product_id__in={p for _, p in paren},
        ).prefetch_related("tarieven")
    }


def contracttarief(
    tarieven: dict[tuple[int, int], ContractProduct],
    toewijzing: Toewijzing,
    datum: date,
) -> Tarief | None:
    """TR418 / R-D9: the contract's tarief for the ProductPeriode that begins on
    `datum` — last year's line keeps last year's tarief, also when credited or
    corrected now. `tarieven` comes from `tarieven_van` (no query here)."""
    cp = tarieven.get((toewijzing.contract_id, toewijzing.product_id))
    return cp.tarief_op(datum) if cp else None


def _open_debet(
    goedgekeurd, gemeente, nummers: set[int]
) -> dict[tuple, list[Prestatie]]:
    """TR389: approved debet lines not credited, by toewijzing + period + product."""
    open_debet: dict[tuple, list[Prestatie]] = defaultdict(list)
    for p in (
        goedgekeurd.filter(
            declaratie__gemeente=gemeente,
            toewijzing_nummer__in=nummers,
            debet_credit=DebetCredit.DEBET,
        )
        .annotate(is_gecrediteerd=_gecrediteerd())
        .filter(is_gecrediteerd=False)
    ):
        sleutel = (p.toewijzing_nummer, p.begindatum, p.einddatum)
        open_debet[(*sleutel, p.product_categorie, p.product_code)].append(p)
    return open_debet


def _verbruikt(goedgekeurd, toewijzingen: Iterable[Toewijzing]) -> tuple[dict, dict]:
    """TR322 / TR369: approved net volume and amount per toewijzing."""
    volume: dict[int, int] = defaultdict(int)
    bedrag: dict[int, int] = defaultdict(int)
    for rij in (
        goedgekeurd.filter(toewijzing_id__in=[t.pk for t in toewijzingen])
        .values("toewijzing_id", "debet_credit")
        .annotate(volume=Sum("geleverd_volume"), bedrag=Sum("ingediend_bedrag"))
        .order_by()
    ):
        teken = -1 if rij["debet_credit"] == DebetCredit.CREDIT else 1
        volume[rij["toewijzing_id"]] += teken * rij["volume"]
        bedrag[rij["toewijzing_id"]] += teken * rij["bedrag"]
    return volume, bedrag


# --- the result ------------------------------------------------------------------


@dataclass
class Uitslag:
    """The verdict on one Prestatie of the message."""

    client_nr: int
    prestatie_nr: int
    bsn: str
    prestatie: PrestatieBericht
    toewijzing: Toewijzing | None
    bevindingen: list[Bevinding] = field(default_factory=list)
    start_ontbreekt: bool = False

    @property
    def pad(self) -> str:
        return paden.prestatie(self.client_nr, self.prestatie_nr)

    @property
    def retourcodes(self) -> list[str]:
        codes: list[str] = []
        for b in self.bevindingen:
            if b.retourcode and b.retourcode not in codes:
                codes.append(b.retourcode)
        return codes

    @property
    def goedgekeurd(self) -> bool:
        return not self.retourcodes

    @property
    def is_duplicaat(self) -> bool:
        return DUBBELE_REFERENTIE in self.retourcodes


@dataclass
class Controle:
    bevindingen: list[Bevinding]
    per_prestatie: dict[tuple[int, int], Uitslag]  # by (client nr, prestatie nr)
    declaratie_codes: list[str]  # Header or Declaratie rejected: nothing processed
    gegevens: Gegevens

    @property
    def verwerkt(self) -> bool:
        return not self.declaratie_codes

    @property
    def toegekend(self) -> int:
        if not self.verwerkt:
            return 0
        return saldo(
            u.prestatie.ingediend_bedrag
            for u in self.per_prestatie.values()
            if u.goedgekeurd
        )


# --- rules on the whole declaratie -----------------------------------------------

DeclaratieRegel = Callable[[object, Gegevens], Iterator[tuple[str, str]]]
DECLARATIEREGELS: list[tuple[str, str, int, DeclaratieRegel]] = []


def declaratieregel(
    regel: str, retourcode: str, niveau: int = Niveau.BERICHTOVERSTIJGEND
):
    def registreer(functie: DeclaratieRegel) -> DeclaratieRegel:
        DECLARATIEREGELS.append((regel, retourcode, int(niveau), functie))
        return functie

    return registreer


@declaratieregel("TR135", "8848", Niveau.EXTERNE_BRON)
def tr135_datum_niet_in_toekomst(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    dagtekening = message.header.bericht_identificatie.dagtekening
    if dagtekening > g.vandaag:
        yield paden.HEADER, f"De dagtekening {nl(dagtekening)} ligt in de toekomst."
    declaratie_dagtekening = message.declaratie.declaratie_dagtekening
    if declaratie_dagtekening > g.vandaag:
        yield (
            paden.DECLARATIE,
            f"De DeclaratieDagtekening {nl(declaratie_dagtekening)} ligt in de toekomst.",
        )


@declaratieregel("TR333", "9333")
def tr333_declaratienummer_uniek(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    if g.nummer_bezet:
        nummer = message.declaratie.declaratie_nummer
        yield paden.DECLARATIE, f"Declaratienummer {nummer} is al eerder gebruikt."


@declaratieregel("TR318", "8214")
def tr318_periode_niet_voor_vorige(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    begin = message.declaratie.declaratie_periode.begindatum
    if g.laatste_periode and begin < g.laatste_periode:
        yield (
            paden.DECLARATIE,
            f"De DeclaratiePeriode ligt voor de laatst ingediende periode ({g.laatste_periode:%m-%Y}).",
        )


# --- rules on one Prestatie --------------------------------------------------------

PrestatieRegel = Callable[[Uitslag, Gegevens], str | None]
PRESTATIEREGELS: list[tuple[str, str, int, PrestatieRegel]] = []


def prestatieregel(
    regel: str, retourcode: str, niveau: int = Niveau.BERICHTOVERSTIJGEND
):
    """Register a rule: it returns the Dutch reason when the Prestatie breaks it."""

    def registreer(functie: PrestatieRegel) -> PrestatieRegel:
        PRESTATIEREGELS.append((regel, retourcode, int(niveau), functie))
        return functie

    return registreer


def met_toewijzing(functie: PrestatieRegel) -> PrestatieRegel:
    """The rule applies only when the Prestatie has a toewijzing (else TR338)."""

    def controle(u: Uitslag, g: Gegevens) -> str | None:
        return functie(u, g) if u.toewijzing is not None else None

    controle.__name__ = functie.__name__
    return controle


@prestatieregel("TR314", DUBBELE_REFERENTIE)
def tr314_productreferentie_uniek(u: Uitslag, g: Gegevens) -> str | None:
    referentie = u.prestatie.product_referentie.referentie_nummer
    if referentie in g.eerdere:
        return f"ReferentieNummer {referentie} is al eerder aangeleverd."
    return None


@prestatieregel("TR319", "9319")
def tr319_productperiode_in_declaratieperiode(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_periode.einddatum > g.periode_eind:
        return "De ProductPeriode ligt na de DeclaratiePeriode."
    return None


@prestatieregel("TR338", "9338")
def tr338_toewijzing_bestaat(u: Uitslag, g: Gegevens) -> str | None:
    if u.toewijzing is None:
        return f"Er is geen toewijzing {u.prestatie.toewijzing_nummer} voor deze aanbieder."
    return None


@prestatieregel("TR304", "8187")
@met_toewijzing
def tr304_bsn_van_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    if u.bsn != u.toewijzing.client.bsn:
        return "Het BSN hoort niet bij de cliënt van deze toewijzing."
    return None


@prestatieregel("TR339", "9339")
@met_toewijzing
def tr339_productcategorie(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_categorie != u.toewijzing.product.categorie:
        return f"ProductCategorie is niet {u.toewijzing.product.categorie} zoals in de toewijzing."
    return None


@prestatieregel("TR340", "9340")
@met_toewijzing
def tr340_productcode(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.product_code != u.toewijzing.product.code:
        return (
            f"ProductCode is niet {u.toewijzing.product.code} zoals in de toewijzing."
        )
    return None


@prestatieregel("TR341", "9341")
@met_toewijzing
def tr341_eenheid(u: Uitslag, g: Gegevens) -> str | None:
    eenheid = u.toewijzing.eenheid
    if eenheid and u.prestatie.eenheid != eenheid:
        return f"Eenheid {u.prestatie.eenheid} past niet bij eenheid {eenheid} van de toewijzing."
    return None


def _buiten_toewijzing(t: Toewijzing, datum: date) -> bool:
    return datum < t.ingangsdatum or (t.einddatum is not None and datum > t.einddatum)


@prestatieregel("TR307", "9307")
@met_toewijzing
def tr307_begindatum_binnen_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    begin = u.prestatie.product_periode.begindatum
    if _buiten_toewijzing(u.toewijzing, begin):
        return f"Begindatum {nl(begin)} ligt niet binnen de toewijzing."
    return None


@prestatieregel("TR308", "9308")
@met_toewijzing
def tr308_einddatum_binnen_toewijzing(u: Uitslag, g: Gegevens) -> str | None:
    eind = u.prestatie.product_periode.einddatum
    if _buiten_toewijzing(u.toewijzing, eind):
        return f"Einddatum {nl(eind)} ligt niet binnen de toewijzing."
    return None


@prestatieregel("TR387", "9387")
@met_toewijzing
def tr387_begindatum_eerste_van_maand(u: Uitslag, g: Gegevens) -> str | None:
    begin = u.prestatie.product_periode.begindatum
    verwacht = max(maand_begin(begin), u.toewijzing.ingangsdatum)
    if begin != verwacht and verwacht <= maand_eind(begin):
        return f"Begindatum moet {nl(verwacht)} zijn: de 1e van de maand of de latere ingangsdatum."
    return None


@prestatieregel("TR388", "9388")
@met_toewijzing
def tr388_einddatum_laatste_van_maand(u: Uitslag, g: Gegevens) -> str | None:
    eind = u.prestatie.product_periode.einddatum
    verwacht = maand_eind(eind)
    if u.toewijzing.einddatum:
        verwacht = min(verwacht, u.toewijzing.einddatum)
    # A stop zorg (307) in the month ends the care: the portal proposes up to it.
    gestopt = any(stop.einddatum == eind for stop in u.toewijzing.stops)
    if eind != verwacht and verwacht >= maand_begin(eind) and not gestopt:
        return f"Einddatum moet {nl(verwacht)} zijn: de laatste van de maand of de eerdere einddatum."
    return None


@prestatieregel("R-D7", "9387")
@met_toewijzing
def r_d7_hulpmiddel_in_eerste_volle_maand(u: Uitslag, g: Gegevens) -> str | None:
    """R-D7: a hulpmiddel is declared once, in the first full month. The code is
    TR387's (the ProductPeriode's begin), the nearest the standard has."""
    if is_credit(u.prestatie) or not is_hulpmiddel(u.toewijzing):
        return None
    eerste = eerste_volle_maand(u.toewijzing)
    begin = u.prestatie.product_periode.begindatum
    if maand_begin(begin) != eerste:
        return (
            "Een hulpmiddel wordt gedeclareerd in de eerste volle maand van de "
            f"toewijzing (R-D7): de productperiode begint op {nl(eerste)}."
        )
    return None


@prestatieregel("TR384", "9384")
@met_toewijzing
def tr384_toewijzing_niet_verwijderd(u: Uitslag, g: Gegevens) -> str | None:
    if u.toewijzing.reden_wijziging == VERWIJDERD:
        return "De toewijzing is verwijderd (RedenWijziging 13)."
    return None


@prestatieregel("TR321", "9321")
@met_toewijzing
def tr321_volume_binnen_omvang(u: Uitslag, g: Gegevens) -> str | None:
    if is_credit(u.prestatie):
        return None
    periode = u.prestatie.product_periode
    maximum = max_volume_per_periode(
        u.toewijzing, periode.begindatum, periode.einddatum
    )
    if maximum is not None and u.prestatie.geleverd_volume > maximum:
        return f"GeleverdVolume {u.prestatie.geleverd_volume} is meer dan toegewezen in deze periode ({maximum})."
    return None


@prestatieregel("TR418", "0611", Niveau.EXTERNE_BRON)
@met_toewijzing
def tr418_tarief_uit_contract(u: Uitslag, g: Gegevens) -> str | None:
    if u.prestatie.eenheid == EURO:
        return None
    begin = u.prestatie.product_periode.begindatum
    tarief = contracttarief(g.tarieven, u.toewijzing, begin)
    if tarief is None:
        return f"Voor dit product is op {begin:%d-%m-%Y} geen tarief gecontracteerd."
    if u.prestatie.product_tarief != tarief.product_tarief:
        return (
            f"ProductTarief {u.prestatie.product_tarief} is niet het contracttarief "
            f"{tarief.product_tarief} dat geldt op {begin:%d-%m-%Y}."
        )
    return None


@prestatieregel("TR346", "9346", Niveau.EXTERNE_BRON)
@met_toewijzing
def tr346_bedrag_met_contracttarief(u: Uitslag, g: Gegevens) -> str | None:
    """TR346 exactly, with the contract's unrounded tarief (an uurtarief for a
    product in minuten: uurtarief × minuten / 60, rounded to the cent once).
    An amount outside the rounding is already reported without the database."""
    p = u.prestatie
    if p.eenheid == EURO or p.product_tarief is None:
        return None
    if buiten_afronding(p.geleverd_volume, p.product_tarief, p.ingediend_bedrag.bedrag):
        return None
    tarief = contracttarief(g.tarieven, u.toewijzing, p.product_periode.begindatum)
    if tarief is None or tarief.product_tarief != p.product_tarief:
        return None  # TR418 reports it
    verwacht = tarief.bedrag_voor(p.geleverd_volume)
    if p.ingediend_bedrag.bedrag != verwacht:
        return (
            f"IngediendBedrag {p.ingediend_bedrag.bedrag} is niet GeleverdVolume × "
            f"het contracttarief ({verwacht})."
        )
    return None


@prestatieregel("TR381", "S329", Niveau.EXTERNE_BRON)
def tr381_productcode_bij_categorie(u: Uitslag, g: Gegevens) -> str | None:
    p = u.prestatie
    if (p.product_categorie, p.product_code) not in g.producten:
        return f"ProductCode {p.product_code} hoort niet bij ProductCategorie {p.product_categorie}."
    return None


@prestatieregel("TR323", "8017")
def tr323_credit_op_goedgekeurde_debet(u: Uitslag, g: Gegevens) -> str | None:
    vorig = u.prestatie.product_referentie.vorig_referentie_nummer
    if not is_credit(u.prestatie) or not vorig:
        return None
    debet = g.eerdere.get(vorig)
    if (
        debet is None
        or debet.is_credit
        or debet.status != PrestatieStatus.GOEDGEKEURD
        or debet.is_duplicaat
    ):
        return f"Er is geen goedgekeurde debetregel {vorig} om te crediteren."
    return None


@prestatieregel("TR390", "9390")
def tr390_een_credit_per_referentie(u: Uitslag, g: Gegevens) -> str | None:
    vorig = u.prestatie.product_referentie.vorig_referentie_nummer
    debet = g.eerdere.get(vorig) if is_credit(u.prestatie) and vorig else None
    if debet is not None and debet.is_gecrediteerd:
        return f"De debetregel {vorig} is al gecrediteerd."
    return None


# --- rules over several Prestaties, after the single-line rules ------------------


def _bevinding(
    regel: str, retourcode: str, niveau: int, pad: str, tekst: str
) -> Bevinding:
    return Bevinding(
        niveau=niveau, regel=regel, retourcode=retourcode, pad=pad, tekst=tekst
    )


def _sommen(uitslagen: list[Uitslag], g: Gegevens) -> None:
    """TR389, TR322, TR369 in the order OP366 prescribes: credit before debet."""
    volume = defaultdict(int, g.verbruikt_volume)
    bedrag = defaultdict(int, g.verbruikt_bedrag)
    open_debet = {
        k: {p.product_referentie for p in v} for k, v in g.goedgekeurd_debet.items()
    }
    credits = [u for u in uitslagen if is_credit(u.prestatie)]
    debets = [u for u in uitslagen if not is_credit(u.prestatie)]
    for u in credits:
        if not u.goedgekeurd:
            continue
        debet = g.eerdere[u.prestatie.product_referentie.vorig_referentie_nummer]
        open_debet.get(sleutel(u.prestatie), set()).discard(debet.product_referentie)
        if debet.toewijzing_id:
            volume[debet.toewijzing_id] -= u.prestatie.geleverd_volume
            bedrag[debet.toewijzing_id] -= bedrag_van(u.prestatie)
    for u in debets:
        if not u.goedgekeurd or u.toewijzing is None:
            continue
        t, p = u.toewijzing, u.prestatie
        maximum = max_volume_totaal(t)
        fout = None
        if open_debet.get(sleutel(p)):
            fout = (
                "TR389",
                "9389",
                "Deze periode is al gedeclareerd en niet gecrediteerd: crediteer eerst de eerdere regel.",
            )
        elif maximum is not None and volume[t.pk] + p.geleverd_volume > maximum:
            fout = (
                "TR322",
                "9322",
                f"Samen met eerdere regels is het volume meer dan toegewezen ({maximum}).",
            )
        elif t.budget is not None and bedrag[t.pk] + bedrag_van(p) > t.budget:
            fout = (
                "TR369",
                "9369",
                f"Samen met eerdere regels past het bedrag niet in het budget ({t.budget} cent).",
            )
        if fout:
            regel, code, tekst = fout
            u.bevindingen.append(
                _bevinding(regel, code, Niveau.BERICHTOVERSTIJGEND, u.pad, tekst)
            )
        else:
            volume[t.pk] += p.geleverd_volume
            bedrag[t.pk] += bedrag_van(p)


def _zonder_database(message) -> dict[str, list[Bevinding]]:
    """TR314 within the message and TR346: the shared rules that need no database."""
    per_pad: dict[str, list[Bevinding]] = defaultdict(list)
    for regel in ZONDER_DATABASE.get("WMO323", []):
        for bevinding in regel(message):
            per_pad[bevinding.pad].append(bevinding)
    return per_pad


def controleer_declaratie(
    message,
    *,
    gemeente: Gemeente,
    aanbieder: Aanbieder | None = None,
    eigen: Declaratie | None = None,
) -> Controle:
    """All level-3/4 rules of a Wmo323 against the database, per Prestatie.

    `eigen`: the portal's concept this message was made from; its own rows do
    not count as earlier Prestaties. Without it, a concept of the aanbieder with
    the same DeclaratieNummer is taken as such.
    """
    if aanbieder is None:
        aanbieder = Aanbieder.objects.filter(agb_code=message.header.afzender).first()
    if eigen is None and message.declaratie.declaratie_nummer:
        eigen = Declaratie.objects.filter(
            aanbieder=aanbieder,
            declaratie_nummer=message.declaratie.declaratie_nummer,
            status=DeclaratieStatus.CONCEPT,
        ).first()
    g = Gegevens.laden(message, gemeente=gemeente, aanbieder=aanbieder, eigen=eigen)

    declaratie_bevindingen = [
        _bevinding(regel, code, niveau, pad, tekst)
        for regel, code, niveau, functie in DECLARATIEREGELS
        for pad, tekst in functie(message, g)
    ]
    zonder_database = _zonder_database(message)
    uitslagen: dict[tuple[int, int], Uitslag] = {}
    for cnr, client in enumerate(message.declaratie.clienten, start=1):
        for pnr, p in enumerate(client.prestaties, start=1):
            u = Uitslag(
                cnr, pnr, client.bsn, p, g.toewijzingen.get(p.toewijzing_nummer)
            )
            u.bevindingen.extend(zonder_database.get(u.pad, []))
            for regel, code, niveau, functie in PRESTATIEREGELS:
                tekst = functie(u, g)
                if tekst:
                    u.bevindingen.append(_bevinding(regel, code, niveau, u.pad, tekst))
            if u.toewijzing is not None and not u.toewijzing.heeft_start:
                u.start_ontbreekt = True
                u.bevindingen.append(
                    _bevinding(
                        "OP364",
                        "",
                        Niveau.BERICHTOVERSTIJGEND,
                        u.pad,
                        "Er is geen start zorg (WMO305) bekend voor deze toewijzing: "
                        "gemeld aan de contractmanager, niet afgekeurd.",
                    )
                )
            uitslagen[(cnr, pnr)] = u
    _sommen(list(uitslagen.values()), g)

    codes = []
    for b in declaratie_bevindingen:
        if b.retourcode not in codes:
            codes.append(b.retourcode)
    bevindingen = declaratie_bevindingen + [
        b for u in uitslagen.values() for b in u.bevindingen
    ]
    return Controle(
        bevindingen=bevindingen,
        per_prestatie=uitslagen,
        declaratie_codes=codes,
        gegevens=g,
    )


__all__ = [
    "Controle",
    "Gegevens",
    "Uitslag",
    "controleer_declaratie",
    "eerste_volle_maand",
    "geleverde_periode",
    "is_hulpmiddel",
    "max_volume_per_periode",
    "max_volume_totaal",
    "product_periode",
]
