"""What a WMO323 needs from the database, read in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import starmap

from django.db.models import Exists, Max, OuterRef, Prefetch, Sum
from django.utils import timezone

from core.lookups import InLijst
from declaraties.constants import (
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.models import Declaratie, Prestatie
from declaraties.regels.rijen import (
    EERDERE_KOLOMMEN,
    TOEWIJZING_KOLOMMEN,
    ClientRij,
    ContractRij,
    EerdereRij,
    ProductRij,
    ToewijzingRij,
)
from stamgegevens.models import Aanbieder, ContractProduct, Gemeente, Product, Tarief
from toewijzingen.constants import LeveringSoort, StatusAanlevering
from toewijzingen.models import Levering, Toewijzing


def actuele_leveringen() -> Prefetch:
    """The actual starts and stops of toewijzingen, as `.actueel` (one query)."""
    return Prefetch(
        "leveringen",
        queryset=Levering.objects.filter(
            status_aanlevering=StatusAanlevering.EERSTE, vervallen=False
        ).order_by("begindatum", "id"),
        to_attr="actueel",
    )


# --- what the message needs from the database ------------------------------------


@dataclass
class Gegevens:
    gemeente: Gemeente
    aanbieder: Aanbieder | None
    eigen: Declaratie | None  # the concept this 323 was made from (portal)
    nummer_bezet: bool  # TR333
    laatste_periode: date | None  # TR318 / OP354
    toewijzingen: dict[int, ToewijzingRij]  # by ToewijzingNummer
    tarieven: dict[tuple[int, int], ContractProduct]  # (contract, product)
    producten: set[tuple[str, str]]  # TR381
    eerdere: dict[str, EerdereRij]  # earlier sent Prestaties by ProductReferentie
    goedgekeurd_debet: dict[tuple, set[str]]  # by sleutel(): open debet referenties
    verbruikt_volume: dict[int, int]  # approved net volume per toewijzing
    verbruikt_bedrag: dict[int, int]  # approved net amount per toewijzing
    periode_eind: date  # of the DeclaratiePeriode (TR319)
    vandaag: date = field(default_factory=timezone.localdate)
    _tarief_op: dict[tuple, Tarief | None] = field(default_factory=dict, repr=False)

    def tarief(self, toewijzing: ToewijzingRij, datum: date) -> Tarief | None:
        """`contracttarief` for the rules, once per contract, product and date."""
        sleutel = (toewijzing.contract_id, toewijzing.product_id, datum)
        try:
            return self._tarief_op[sleutel]
        except KeyError:
            tarief = contracttarief(self.tarieven, toewijzing, datum)
            self._tarief_op[sleutel] = tarief
            return tarief

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
                rij.product_referentie: rij
                for rij in starmap(
                    EerdereRij,
                    verzonden.filter(InLijst("product_referentie", referenties))
                    .annotate(is_gecrediteerd=_gecrediteerd())
                    .order_by("-is_duplicaat")  # the original comes last and wins
                    .values_list(*EERDERE_KOLOMMEN),
                )
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


def _toewijzingen(gemeente, aanbieder, nummers: set[int]) -> dict[int, ToewijzingRij]:
    """The toewijzingen by ToewijzingNummer as plain rows (two queries: the rows
    with their product, contract and cliënt, and the actual stops zorg)."""
    gevonden = Toewijzing.objects.filter(
        InLijst("toewijzing_nummer", nummers), gemeente=gemeente, aanbieder=aanbieder
    )
    producten: dict[tuple, ProductRij] = {}
    contracten: dict[str, ContractRij] = {}
    clienten: dict[str, ClientRij] = {}
    rijen: dict[int, ToewijzingRij] = {}
    per_pk: dict[int, ToewijzingRij] = {}
    for (
        *velden,
        categorie,
        code,
        variant,
        bsn,
    ) in (
        gevonden.annotate(heeft_start=heeft_start())
        .values_list(*TOEWIJZING_KOLOMMEN)
        .order_by()
    ):
        product = producten.get((categorie, code))
        if product is None:
            product = producten[(categorie, code)] = ProductRij(categorie, code)
        contract = contracten.get(variant)
        if contract is None:
            contract = contracten[variant] = ContractRij(variant)
        client = clienten.get(bsn)
        if client is None:
            client = clienten[bsn] = ClientRij(bsn)
        rij = ToewijzingRij(*velden, product, contract, client)
        rijen[rij.toewijzing_nummer] = per_pk[rij.pk] = rij
    for toewijzing_id, einddatum in Levering.objects.filter(
        InLijst("toewijzing_id", per_pk),
        soort=LeveringSoort.STOP,
        status_aanlevering=StatusAanlevering.EERSTE,
        vervallen=False,
        einddatum__isnull=False,
    ).values_list("toewijzing_id", "einddatum"):
        per_pk[toewijzing_id].stop_einden.add(einddatum)
    return rijen


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


def _open_debet(goedgekeurd, gemeente, nummers: set[int]) -> dict[tuple, set[str]]:
    """TR389: the ProductReferenties of approved debet lines not credited, by
    toewijzing + period + product (`perioden.sleutel`)."""
    open_debet: dict[tuple, set[str]] = defaultdict(set)
    for *sleutel, referentie in (
        goedgekeurd.filter(
            InLijst("toewijzing_nummer", nummers),
            declaratie__gemeente=gemeente,
            debet_credit=DebetCredit.DEBET,
        )
        .annotate(is_gecrediteerd=_gecrediteerd())
        .filter(is_gecrediteerd=False)
        .values_list(
            "toewijzing_nummer",
            "begindatum",
            "einddatum",
            "product_categorie",
            "product_code",
            "product_referentie",
        )
    ):
        open_debet[tuple(sleutel)].add(referentie)
    return open_debet


def _verbruikt(goedgekeurd, toewijzingen: Iterable[Toewijzing]) -> tuple[dict, dict]:
    """TR322 / TR369: approved net volume and amount per toewijzing."""
    volume: dict[int, int] = defaultdict(int)
    bedrag: dict[int, int] = defaultdict(int)
    for rij in (
        goedgekeurd.filter(InLijst("toewijzing_id", [t.pk for t in toewijzingen]))
        .values("toewijzing_id", "debet_credit")
        .annotate(volume=Sum("geleverd_volume"), bedrag=Sum("ingediend_bedrag"))
        .order_by()
    ):
        teken = -1 if rij["debet_credit"] == DebetCredit.CREDIT else 1
        volume[rij["toewijzing_id"]] += teken * rij["volume"]
        bedrag[rij["toewijzing_id"]] += teken * rij["bedrag"]
    return volume, bedrag
