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

import hashlib
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn, btw as stdnum_btw

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht, Nummering
from berichten.xml.catalog import BERICHTCODES
from core.bulk import tabellen_analyseren
from core.constants import Rol
from core.models import User
from declaraties.constants import DebetCredit, DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from stamgegevens.constants import Uitvoeringsvariant
from stamgegevens.demo import DEMO_WACHTWOORD, REGIO
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
    Tarief,
)
from toewijzingen.constants import LeveringSoort
from toewijzingen.models import Client, Levering, Toewijzing

GEMEENTE = "0059"
DEMO_AANBIEDER = "98765432"
MARKER = "demo:grootschalig"  # a Nummering row: the data set is loaded
AGB_BASIS = 70_000_000
BSN_BASIS = 20_000_000  # 8-digit prefixes; the demo cliënten are 9999xxxxx
BATCH = 2_000
JAAR = 2026
MAANDEN = range(1, 11)  # January up to October 2026
# (categorie, code, tarief in eurocent per eenheid, volume per maand)
# A cliënt has at most one toewijzing per product (TR302), so at most five.
PRODUCTEN = [
    ("02", "ZL01", 4250, 8),
    ("02", "ZL02", 5100, 12),
    ("01", "ZL08", 3120, 6),
    ("01", "ZL10", 61, 120),
    ("02", "ZL12", 98, 90),
]
# Rejections as the gemeente's checks give them (declaraties/hints.py).
AFKEURING = [["9321"], ["9307"], ["9338"], ["0611", "9346"], ["8187"], ["9340"]]
ACHTERNAMEN = [
    "de Jong", "Jansen", "de Vries", "van der Meer", "Visser", "Bakker", "Dijkstra",
    "Hoekstra", "Bosma", "de Boer", "Postma", "Kuipers", "Wiersma", "Veenstra",
    "Meijer", "Mulder", "Smit", "Hofstra", "Zijlstra", "Terpstra", "Brouwer",
    "Sikkema", "Hiemstra", "Kooistra", "Haan", "Boonstra", "Faber", "Tolsma",
    "Yntema", "Anema", "Wijma", "Nauta",
]  # fmt: skip
PLAATSEN = ["Buitenpost", "Surhuisterveen", "Kollum", "Burgum", "Harkema", "Drachten"]


class AlreadyLoadedError(Exception):
    """The large data set is in the database already."""


class MissingDemoDataError(Exception):
    """The normal demo data (`demo_data`) has to be loaded first."""


@contextmanager
def _eigen_tijden(*modellen):
    """Let bulk_create keep the given `auto_now_add` times (spread over the year)."""
    velden = [
        f
        for model in modellen
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField) and f.auto_now_add
    ]
    for f in velden:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in velden:
            f.auto_now_add = True


def _bsn(n: int) -> str:
    """The n-th BSN after BSN_BASIS that passes the elfproef."""
    prefix = BSN_BASIS + n
    while True:
        for cijfer in range(10):
            if stdnum_bsn.is_valid(kandidaat := f"{prefix:08d}{cijfer}"):
                return kandidaat
        prefix += 10_000_000  # no check digit fits: a prefix far away from the others


def _btw(n: int) -> str:
    """A valid Dutch btw-nummer (NL + nine digits + B01)."""
    basis = 800_000_000 + n * 100
    while not stdnum_btw.is_valid(f"NL{basis:09d}B01"):
        basis += 1
    return f"NL{basis:09d}B01"


def _iban(n: int) -> str:
    rekening = f"{n + 100_000:010d}"
    controle = stdnum_iban.calc_check_digits(f"NL00INGB{rekening}")
    return f"NL{controle}INGB{rekening}"


def _bericht(
    soort: str, *, afzender: str, ontvanger: str, nummer: int, dag: date, bsn: str
) -> bytes:
    p = soort.lower()
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<{p}:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"'
        f' xmlns:{p}="http://www.istandaarden.nl/iwmo/3_2/{p}/schema">'
        f"<{p}:Header><{p}:BerichtCode>{BERICHTCODES[soort]}</{p}:BerichtCode>"
        f"<{p}:BerichtVersie>3</{p}:BerichtVersie><{p}:BerichtSubversie>2</{p}:BerichtSubversie>"
        f"<{p}:Afzender>{afzender}</{p}:Afzender><{p}:Ontvanger>{ontvanger}</{p}:Ontvanger>"
        f"<{p}:BerichtIdentificatie><iwmo:Identificatie>{_identificatie(nummer)}</iwmo:Identificatie>"
        f"<iwmo:Dagtekening>{dag.isoformat()}</iwmo:Dagtekening></{p}:BerichtIdentificatie>"
        f"</{p}:Header><{p}:Client><{p}:Bsn>{bsn}</{p}:Bsn></{p}:Client></{p}:Bericht>\n"
    ).encode()


def _identificatie(nummer: int) -> str:
    # 'G' + 11 digits: never one of the portal's own numbers ('301000000042').
    return f"G{nummer:011d}"


def _moment(dag: date, minuut: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(dag, dtime(8, 0))) + timedelta(
        minutes=minuut % 600
    )


def _maand_eind(maand: date) -> date:
    return (maand.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
        days=1
    )


@dataclass
class _Partij:
    aanbieder: Aanbieder
    contract: Contract
    producten: list[tuple[Product, int, int]]  # product, tarief, volume per maand


class _Voortgang:
    def __init__(self, stdout):
        self.stdout = stdout
        self.start = time.perf_counter()

    def __call__(self, tekst: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"[{time.perf_counter() - self.start:6.1f} s] {tekst}\n")
            flush = getattr(self.stdout, "flush", None)
            if flush:
                flush()


# Every model `_bulk` fills below: ANALYZE runs on their tables at the end.
GEVULDE_MODELLEN = (
    Aanbieder,
    Contract,
    ContractProduct,
    Tarief,
    User,
    Client,
    Toewijzing,
    Levering,
    Bericht,
    Declaratie,
    Prestatie,
)


def _bulk(model, objecten, batch_size=BATCH):
    assert model in GEVULDE_MODELLEN, f"{model.__name__} ontbreekt in GEVULDE_MODELLEN"
    return model.objects.bulk_create(objecten, batch_size=batch_size)


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
    agbs: list[str] = []
    n = 0
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
    rijen: list[Client] = []
    n = 0
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


def _toewijzingen_en_declaraties(
    gemeente, partijen, clienten, aantal, prestaties, meld
) -> dict[str, int]:
    aantallen = {}
    # Numbers above every number used so far, and the counter past them.
    teller, _ = Nummering.objects.get_or_create(
        sleutel=f"toewijzingnummer:{gemeente.code}"
    )
    hoogste = Toewijzing.objects.filter(gemeente=gemeente).aggregate(
        m=Max("toewijzing_nummer")
    )["m"]
    eerste = max(teller.laatste, hoogste or 0) + 1
    teller.laatste = eerste + aantal - 1
    teller.save(update_fields=["laatste"])

    # Every cliënt has one aanbieder: every tenth the demo aanbieder.
    def partij_van(c: int) -> _Partij:
        if c % 10 == 0 or len(partijen) == 1:
            return partijen[0]
        return partijen[1 + c % (len(partijen) - 1)]

    def ingang_van(c: int) -> date:
        return date(JAAR, 1, 1) + timedelta(days=(c * 7) % 273)  # Jan … Sep

    gestart = [c % 10 != 9 for c in range(len(clienten))]  # 90 % started
    volgnummer = iter(range(1, 10**10))
    gemeente_code = gemeente.code

    def bericht(soort, c, *, van_gemeente, dag, minuut, **extra) -> Bericht:
        agb = partij_van(c).aanbieder.agb_code
        afzender, ontvanger = (
            (gemeente_code, agb) if van_gemeente else (agb, gemeente_code)
        )
        nummer = next(volgnummer)
        inhoud = _bericht(
            soort,
            afzender=afzender,
            ontvanger=ontvanger,
            nummer=nummer,
            dag=dag,
            bsn=clienten[c].bsn,
        )
        return Bericht(
            bericht_type=soort,
            afzender=afzender,
            ontvanger=ontvanger,
            gemeente=gemeente,
            aanbieder=partij_van(c).aanbieder,
            identificatie=_identificatie(nummer),
            dagtekening=dag,
            bsn=clienten[c].bsn,
            kanaal=Kanaal.PORTAAL,
            status=BerichtStatus.VERWERKT,
            inhoud=inhoud,
            sha256=hashlib.sha256(inhoud).hexdigest(),
            aangemaakt_op=_moment(dag, minuut),
            verwerkt_op=_moment(dag, minuut + 1),
            **extra,
        )

    # One WMO301 per cliënt (OP087: the complete set for cliënt and aanbieder) with
    # its 302, and one 305 per started cliënt with its 306.
    with _eigen_tijden(Bericht):
        heen = _bulk(
            Bericht,
            [
                bericht(
                    "WMO301",
                    c,
                    van_gemeente=True,
                    dag=ingang_van(c) - timedelta(days=7),
                    minuut=c,
                )
                for c in range(len(clienten))
            ],
        )
        _bulk(
            Bericht,
            [
                bericht(
                    "WMO302",
                    c,
                    van_gemeente=False,
                    dag=ingang_van(c) - timedelta(days=6),
                    minuut=c,
                    heenbericht=heen[c],
                    retourcodes=["0200"],
                )
                for c in range(len(clienten))
            ],
        )
        starts = _bulk(
            Bericht,
            [
                bericht("WMO305", c, van_gemeente=False, dag=ingang_van(c), minuut=c)
                for c in range(len(clienten))
                if gestart[c]
            ],
        )
        start_van = dict(
            zip([c for c in range(len(clienten)) if gestart[c]], starts, strict=True)
        )
        _bulk(
            Bericht,
            [
                bericht(
                    "WMO306",
                    c,
                    van_gemeente=True,
                    dag=ingang_van(c) + timedelta(days=1),
                    minuut=c,
                    heenbericht=start,
                    retourcodes=["0200"],
                )
                for c, start in start_van.items()
            ],
        )
    aantallen["berichten 301/302/305/306"] = 2 * len(heen) + 2 * len(starts)
    meld(f"{aantallen['berichten 301/302/305/306']} berichten 301/302/305/306")

    rijen, vorige, j = [], -1, 0
    for i in range(aantal):
        c = i * len(clienten) // aantal
        j = j + 1 if c == vorige else 0  # the j-th toewijzing of this cliënt
        vorige = c
        partij = partij_van(c)
        product, _, volume = partij.producten[j]
        ingang = ingang_van(c)
        rijen.append(
            Toewijzing(
                gemeente=gemeente,
                aanbieder=partij.aanbieder,
                contract=partij.contract,
                client=clienten[c],
                product=product,
                toewijzing_nummer=eerste + i,
                toewijzingsdatum=ingang - timedelta(days=7),
                toewijzingstijd=dtime(9, i % 60),
                ingangsdatum=ingang,
                einddatum=None if i % 3 else ingang + timedelta(days=364),
                volume=volume,
                eenheid=product.eenheid,
                frequentie=product.frequentie,
                bericht=heen[c],
                aangemaakt_op=_moment(ingang - timedelta(days=7), c),
                gewijzigd_op=_moment(ingang - timedelta(days=7), c),
            )
        )
    with _eigen_tijden(Toewijzing):
        rijen = _bulk(Toewijzing, rijen)
    aantallen["toewijzingen"] = len(rijen)
    meld(f"{len(rijen)} toewijzingen (nummers {eerste} … {eerste + aantal - 1})")

    with _eigen_tijden(Levering):
        leveringen = _bulk(
            Levering,
            [
                Levering(
                    toewijzing=t,
                    soort=LeveringSoort.START,
                    begindatum=t.ingangsdatum,
                    bericht=start_van[i * len(clienten) // aantal],
                    aangemaakt_op=_moment(t.ingangsdatum),
                )
                for i, t in enumerate(rijen)
                if gestart[i * len(clienten) // aantal]
            ],
        )
    aantallen["leveringen"] = len(leveringen)
    meld(f"{len(leveringen)} starts (WMO305)")

    aantallen.update(
        _declaraties(gemeente, partijen, rijen, leveringen, prestaties, bericht, meld)
    )
    return aantallen


def _declaraties(gemeente, partijen, toewijzingen, leveringen, aantal, bericht, meld):
    """Declaraties per aanbieder and month with `aantal` Prestaties in all."""
    tarief = {
        (p.aanbieder.pk, product.pk): t
        for p in partijen
        for product, t, _ in p.producten
    }
    maanden = [date(JAAR, m, 1) for m in MAANDEN]
    # (toewijzing, maand) pairs with care delivered: started and running that month.
    paren = [
        (t, maand)
        for t in (lev.toewijzing for lev in leveringen)
        for maand in maanden
        if t.ingangsdatum <= _maand_eind(maand)
        and (t.einddatum is None or t.einddatum >= maand)
    ]
    if not paren or not aantal:
        return {"declaraties": 0, "prestaties": 0}
    basis, extra = divmod(aantal, len(paren))

    def regels():
        """(n, toewijzing, maand, begin, eind, volume, bedrag, afgekeurd), deterministic."""
        n = 0
        for p, (t, maand) in enumerate(paren):
            k = basis + (1 if p < extra else 0)
            if not k:
                continue
            begin = max(maand, t.ingangsdatum)
            eind = _maand_eind(maand)
            if t.einddatum and t.einddatum < eind:
                eind = t.einddatum
            dagen = (eind - begin).days + 1
            stukken = min(k, dagen)
            for j in range(k):
                # k lines split the period; more lines than days repeat the last day.
                s = min(j, stukken - 1)
                van = begin + timedelta(days=dagen * s // stukken)
                tot = begin + timedelta(days=dagen * (s + 1) // stukken - 1)
                volume = max(1, (t.volume or 1) // k)
                bedrag = volume * tarief[t.aanbieder_id, t.product_id]
                yield n, t, maand, van, tot, volume, bedrag, n % 20 == 7
                n += 1

    # First pass: the totals per declaratie.
    ingediend, toegekend = defaultdict(int), defaultdict(int)
    voorbeeld = {}
    for _, t, maand, _, _, _, bedrag, afgekeurd in regels():
        sleutel = (t.aanbieder_id, maand)
        ingediend[sleutel] += bedrag
        if not afgekeurd:
            toegekend[sleutel] += bedrag
        voorbeeld.setdefault(sleutel, t)
    cliënt_index = {c.pk: i for i, c in enumerate(_clienten_van(toewijzingen))}
    sleutels = sorted(ingediend)
    with _eigen_tijden(Bericht):
        verzonden = []
        for sleutel in sleutels:
            maand = sleutel[1]
            c = cliënt_index[voorbeeld[sleutel].client_id]
            verzonden.append(
                bericht(
                    "WMO323",
                    c,
                    van_gemeente=False,
                    dag=_maand_eind(maand) + timedelta(days=5),
                    minuut=len(verzonden),
                )
            )
        verzonden = _bulk(Bericht, verzonden)
        antwoorden = _bulk(
            Bericht,
            [
                bericht(
                    "WMO325",
                    cliënt_index[voorbeeld[sleutel].client_id],
                    van_gemeente=True,
                    dag=_maand_eind(sleutel[1]) + timedelta(days=12),
                    minuut=i,
                    heenbericht=heen,
                    retourcodes=["0200"],
                )
                for i, (sleutel, heen) in enumerate(
                    zip(sleutels, verzonden, strict=True)
                )
            ],
        )
    with _eigen_tijden(Declaratie):
        declaraties = _bulk(
            Declaratie,
            [
                Declaratie(
                    aanbieder_id=aanbieder_id,
                    gemeente=gemeente,
                    declaratie_nummer=f"G{maand:%Y%m}{i:05d}",
                    periode_begin=maand,
                    periode_eind=_maand_eind(maand),
                    dagtekening=_maand_eind(maand) + timedelta(days=5),
                    status=DeclaratieStatus.BEANTWOORD,
                    totaal_ingediend=ingediend[aanbieder_id, maand],
                    totaal_toegekend=toegekend[aanbieder_id, maand],
                    bericht=heen,
                    antwoord=antwoord,
                    antwoord_uiterlijk=_maand_eind(maand) + timedelta(days=19),
                    contract_uiterlijk=_maand_eind(maand) + timedelta(days=33),
                    aangemaakt_op=_moment(_maand_eind(maand) + timedelta(days=5)),
                    gewijzigd_op=_moment(_maand_eind(maand) + timedelta(days=12)),
                    ingediend_op=_moment(_maand_eind(maand) + timedelta(days=5)),
                    beantwoord_op=_moment(_maand_eind(maand) + timedelta(days=12)),
                )
                for i, ((aanbieder_id, maand), heen, antwoord) in enumerate(
                    zip(sleutels, verzonden, antwoorden, strict=True)
                )
            ],
        )
    declaratie_van = {
        (d.aanbieder_id, d.periode_begin): d.pk
        for d in declaraties  # pk set by bulk_create
    }
    meld(f"{len(declaraties)} declaraties met WMO323 en WMO325")

    # Second pass: the lines, streamed in batches.
    bsn_van = {c.pk: c.bsn for c in _clienten_van(toewijzingen)}
    gemaakt = 0
    batch = []
    with _eigen_tijden(Prestatie):
        for n, t, maand, van, tot, volume, bedrag, afgekeurd in regels():
            moment = _moment(_maand_eind(maand) + timedelta(days=5))
            batch.append(
                Prestatie(
                    declaratie_id=declaratie_van[t.aanbieder_id, maand],
                    aanbieder_id=t.aanbieder_id,
                    client_id=t.client_id,
                    bsn=bsn_van[t.client_id],
                    toewijzing_id=t.pk,
                    toewijzing_nummer=t.toewijzing_nummer,
                    product_referentie=f"G{n:011d}",
                    debet_credit=DebetCredit.DEBET,
                    product_categorie=t.product.categorie,
                    product_code=t.product.code,
                    begindatum=van,
                    einddatum=tot,
                    geleverd_volume=volume,
                    eenheid=t.eenheid,
                    product_tarief=tarief[t.aanbieder_id, t.product_id],
                    ingediend_bedrag=bedrag,
                    status=PrestatieStatus.AFGEKEURD
                    if afgekeurd
                    else PrestatieStatus.GOEDGEKEURD,
                    retourcodes=AFKEURING[n // 20 % len(AFKEURING)]
                    if afgekeurd
                    else ["8001"],
                    aangemaakt_op=moment,
                )
            )
            if len(batch) >= 20_000:
                _bulk(Prestatie, batch)
                gemaakt += len(batch)
                batch = []
                meld(f"{gemaakt} prestaties")
        if batch:
            _bulk(Prestatie, batch)
            gemaakt += len(batch)
    meld(f"{gemaakt} prestaties")
    return {
        "declaraties": len(declaraties),
        "berichten 323/325": 2 * len(declaraties),
        "prestaties": gemaakt,
    }


def _clienten_van(toewijzingen: list[Toewijzing]) -> list[Client]:
    """The cliënten of the toewijzingen in order of first appearance."""
    gezien: dict[int, Client] = {}
    for t in toewijzingen:
        gezien.setdefault(t.client_id, t.client)
    return list(gezien.values())
