"""A large gemeente's data set on top of the demo data (issue 7): `demo_data --scale large`.

Achtkarspelen (0059) gets `clienten` cliënten and `toewijzingen` toewijzingen, spread
over the demo aanbieder 98765432 (every tenth cliënt) and `aanbieders` generated
aanbieders, each with a contract under the demo regio and a user `aanbieder-<agb>`
with the demo password. Most toewijzingen are started (WMO305); every aanbieder
declares each month of 2026 up to October (WMO323, answered with a WMO325) with
`prestaties` lines in all, mostly goedgekeurd, some afgekeurd with real retourcodes.

Everything is written with `bulk_create`: no services, no signals and no
simple_history rows (generated data has no history). The messages are small
well-formed XML from one template per type (header and BSN only), not complete
iWmo messages. Runs once: a second run raises `AlreadyLoadedError`.
"""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from berichten.models import Nummering
from core.bulk import tabellen_analyseren
from core.constants import Rol
from core.models import User
from demo.grootschalig_basis import (
    ACHTERNAMEN,
    AGB_BASIS,
    DEMO_AANBIEDER,
    GEMEENTE,
    GEVULDE_MODELLEN,
    JAAR,
    MARKER,
    PLAATSEN,
    PRODUCTEN,
    AlreadyLoadedError,
    MissingDemoDataError,
    _bsn,
    _btw,
    _bulk,
    _eigen_tijden,
    _iban,
    _moment,
    _Partij,
    _Voortgang,
)
from demo.grootschalig_stroom import _toewijzingen_en_declaraties
from demo.stamgegevens import DEMO_WACHTWOORD, REGIO
from stamgegevens.constants import Uitvoeringsvariant
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
    Tarief,
)
from toewijzingen.models import Client

__all__ = [
    "GEVULDE_MODELLEN",
    "AlreadyLoadedError",
    "MissingDemoDataError",
    "load_large_dataset",
]


def load_large_dataset(
    *,
    clienten: int = 30_000,
    toewijzingen: int = 100_000,
    prestaties: int = 1_000_000,
    aanbieders: int = 200,
    stdout=None,
) -> dict[str, int]:
    """Load the large data set (see the module text); returns the rows made per model."""
    if not (1 <= clienten <= toewijzingen <= clienten * len(PRODUCTEN)):
        raise ValueError(
            f"Nodig: 1 ≤ clienten ≤ toewijzingen ≤ {len(PRODUCTEN)} × clienten."
        )
    if aanbieders < 1 or prestaties < 0:
        raise ValueError("Nodig: aanbieders ≥ 1 en prestaties ≥ 0.")
    meld = _Voortgang(stdout)
    with transaction.atomic():
        if Nummering.objects.filter(sleutel=MARKER).exists():
            raise AlreadyLoadedError(
                "De grootschalige demodata is al geladen; laad een lege database "
                "opnieuw om hem nog eens te maken."
            )
        try:
            gemeente = Gemeente.objects.get(code=GEMEENTE)
            demo = Aanbieder.objects.get(agb_code=DEMO_AANBIEDER)
            regio = Regio.objects.get(naam=REGIO[0])
            demo_contract = Contract.objects.get(nummer="NOF-2026-001")
        except (
            Gemeente.DoesNotExist,
            Aanbieder.DoesNotExist,
            Regio.DoesNotExist,
            Contract.DoesNotExist,
        ) as exc:
            raise MissingDemoDataError(
                "Laad eerst de gewone demodata (manage.py demo_data)."
            ) from exc
        Nummering.objects.create(sleutel=MARKER, laatste=1)
        aantallen = {}

        partijen = _aanbieders(regio, demo, demo_contract, aanbieders, meld)
        aantallen["aanbieders"] = len(partijen) - 1
        client_rijen = _clienten(gemeente, clienten, meld)
        aantallen["clienten"] = len(client_rijen)
        aantallen.update(
            _toewijzingen_en_declaraties(
                gemeente, partijen, client_rijen, toewijzingen, prestaties, meld
            )
        )
    meld("statistieken bijwerken (ANALYZE)")
    tabellen_analyseren(*GEVULDE_MODELLEN)
    meld("klaar: " + ", ".join(f"{v} {k}" for k, v in aantallen.items()))
    return aantallen


def _aanbieders(regio, demo, demo_contract, aantal, meld) -> list[_Partij]:
    producten = {
        (p.categorie, p.code): p
        for p in Product.objects.filter(
            code__in=[code for _, code, _, _ in PRODUCTEN], geldig_tot__isnull=True
        )
    }
    bezet = set(Aanbieder.objects.values_list("agb_code", flat=True))
    agbs, n = [], 0
    while len(agbs) < aantal:
        agb = f"{AGB_BASIS + n:08d}"
        if agb not in bezet:
            agbs.append(agb)
        n += 1
    nieuw = _bulk(
        Aanbieder,
        [
            Aanbieder(
                agb_code=agb,
                naam=f"Zorgaanbieder {ACHTERNAMEN[i % len(ACHTERNAMEN)]} {i + 1:03d}",
                straat="Hoofdweg",
                huisnummer=str(1 + i % 150),
                postcode=f"{9200 + i % 90} AB",
                plaats=PLAATSEN[i % len(PLAATSEN)],
                btw_nummer=_btw(i),
                kvk_nummer=f"{60_000_000 + i:08d}",
                iban=_iban(i),
            )
            for i, agb in enumerate(agbs)
        ],
    )
    contracten = _bulk(
        Contract,
        [
            Contract(
                nummer=f"NOF-2026-G{i + 1:04d}",
                regio=regio,
                aanbieder=aanbieder,
                begindatum=date(JAAR, 1, 1),
                einddatum=date(JAAR + 1, 12, 31),
                uitvoeringsvariant=Uitvoeringsvariant.OUTPUTGERICHT,
            )
            for i, aanbieder in enumerate(nieuw)
        ],
    )
    cps = _bulk(
        ContractProduct,
        [
            ContractProduct(contract=contract, product=producten[cat, code])
            for contract in contracten
            for cat, code, _, _ in PRODUCTEN
        ],
    )
    tarief_van = {(cat, code): tarief for cat, code, tarief, _ in PRODUCTEN}
    _bulk(
        Tarief,
        [
            Tarief(
                contractproduct=cp,
                geldig_van=date(JAAR, 1, 1),
                bedrag=tarief_van[cp.product.categorie, cp.product.code],
            )
            for cp in cps
        ],
    )
    wachtwoord = make_password(DEMO_WACHTWOORD)  # one hash for all: fast, demo only
    _bulk(
        User,
        [
            User(
                username=f"aanbieder-{aanbieder.agb_code}",
                first_name="Medewerker",
                last_name=aanbieder.naam[:150],
                rol=Rol.AANBIEDER,
                aanbieder=aanbieder,
                password=wachtwoord,
            )
            for aanbieder in nieuw
        ],
    )
    demo_tarieven = {  # the tarief of the year declared (TR418)
        (cp.product.categorie, cp.product.code): cp.tarief_op(date(JAAR, 1, 1)).bedrag
        for cp in demo_contract.contractproducten.select_related(
            "product"
        ).prefetch_related("tarieven")
        if cp.tarief_op(date(JAAR, 1, 1))
    }
    partijen = [
        _Partij(
            demo,
            demo_contract,
            [
                (producten[cat, code], demo_tarieven.get((cat, code), tarief), volume)
                for cat, code, tarief, volume in PRODUCTEN
            ],
        )
    ]
    partijen += [
        _Partij(
            a,
            c,
            [
                (producten[cat, code], tarief, volume)
                for cat, code, tarief, volume in PRODUCTEN
            ],
        )
        for a, c in zip(nieuw, contracten, strict=True)
    ]
    meld(f"{len(nieuw)} aanbieders met contract, tarieven en gebruiker")
    return partijen


def _clienten(gemeente, aantal, meld) -> list[Client]:
    bezet = set(Client.objects.filter(gemeente=gemeente).values_list("bsn", flat=True))
    rijen, n = [], 0
    while len(rijen) < aantal:
        bsn = _bsn(n)
        n += 1
        if bsn in bezet:
            continue
        i = len(rijen)
        rijen.append(
            Client(
                gemeente=gemeente,
                bsn=bsn,
                geboortedatum=date(1930 + i % 70, 1 + i % 12, 1 + i % 28),
                geslacht="1" if i % 2 else "2",
                achternaam=ACHTERNAMEN[(i * 7) % len(ACHTERNAMEN)],
                voorletters="ABCDEFGHJKLMNPRSTW"[i % 18],
                straat="Dorpsstraat",
                huisnummer=1 + i % 200,
                postcode=f"{9200 + i % 90}AB",
                plaats=PLAATSEN[i % len(PLAATSEN)],
                aangemaakt_op=_moment(date(JAAR - 1, 1, 1) + timedelta(days=i % 600)),
            )
        )
    with _eigen_tijden(Client):
        rijen = _bulk(Client, rijen)
    meld(f"{len(rijen)} cliënten")
    return rijen
