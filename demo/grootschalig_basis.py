"""The large data set's building blocks: sizes, generated numbers, the message
template and the bulk writer (see demo/large_dataset.py)."""

import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timedelta

from django.db import models
from django.utils import timezone

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn, btw as stdnum_btw

from berichten.models import Bericht
from berichten.xml.catalog import BERICHTCODES
from core.models import User
from declaraties.models import Declaratie, Prestatie
from stamgegevens.models import Aanbieder, Contract, ContractProduct, Product, Tarief
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
