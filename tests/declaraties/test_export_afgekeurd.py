"""The afgekeurde-regels export job: plain values in chunks, the same file as before.

The reference is the export as it was built from model instances (commit bfcf4d7):
a tablib Dataset of the lines with their client, declaratie and gemeente, written
by the whole-file CSV writer. The job must write the same CSV, byte for byte, and
an Excel file with the same cells and formats.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import tablib
from openpyxl import load_workbook

from core import tabellen
from core.models import Taak
from core.privacy import mask_bsn
from declaraties import exports, selectors
from declaraties.constants import DebetCredit, PrestatieStatus
from declaraties.taken import afgekeurde_regels_exporteren
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db


def _oude_rijen(regels) -> tablib.Dataset:
    """The row building of commit bfcf4d7, from model instances."""
    data = tablib.Dataset(headers=exports.KOLOMMEN, title="Afgekeurde regels")
    for p in regels:
        codes = selectors.retourcodes(p)
        data.append(
            [
                p.declaratie.declaratie_nummer,
                p.declaratie.gemeente.naam,
                p.client.naam if p.client else "",
                mask_bsn(p.bsn),
                p.toewijzing_nummer,
                f"{p.product_categorie}/{p.product_code}",
                p.begindatum,
                p.einddatum,
                -p.geleverd_volume if p.is_credit else p.geleverd_volume,
                p.eenheid,
                Decimal(p.bedrag) / 100,
                " / ".join(c.code for c in codes),
                " / ".join(c.tekst for c in codes),
                " / ".join(c.hint for c in codes),
            ]
        )
    return data


def _oude_csv(data: tablib.Dataset, notatie: str) -> bytes:
    """The whole-file CSV writer of commit bfcf4d7."""
    uit = io.StringIO()
    schrijver = csv.writer(
        uit, delimiter=";" if notatie == exports.NL else ",", lineterminator="\r\n"
    )
    for rij in [data.headers or [], *data]:
        schrijver.writerow([tabellen._tekst(w, notatie) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def _afgekeurd(t, codes, **kwargs):
    return PrestatieFactory(
        t=t, status=PrestatieStatus.AFGEKEURD, retourcodes=codes, **kwargs
    )


@pytest.fixture
def regels():
    """Rejected lines of one aanbieder at one gemeente, of every kind the export
    meets, plus lines it must leave out."""
    t = ToewijzingFactory(declarabel=True)
    gemeente, aanbieder = t.gemeente, t.aanbieder
    _afgekeurd(t, ["9321"])
    _afgekeurd(t, ["0611", "9346"], geleverd_volume=7, ingediend_bedrag=29750)
    _afgekeurd(
        t, ["8017"], debet_credit=DebetCredit.CREDIT, begindatum=date(2026, 7, 1)
    )
    _afgekeurd(t, ["9338", "9339", "9340"], toewijzing=None, client=None)
    vreemd = ToewijzingFactory(
        declarabel=True,
        aanbieder=aanbieder,
        client=ClientFactory(
            gemeente=gemeente,
            voorletters="",
            voorvoegsel="van der",
            achternaam='=HYPERLINK("x");Ölçer, "jr"',
        ),
    )
    _afgekeurd(vreemd, ["9307", "9308"], eenheid="+1")
    _afgekeurd(vreemd, [])
    PrestatieFactory(t=t)  # approved: not in the list
    vervangen = _afgekeurd(t, ["9321"], begindatum=date(2026, 6, 1))
    PrestatieFactory(t=t, vorig_referentie=vervangen)  # corrected: not in it
    ander = ToewijzingFactory(declarabel=True, client__gemeente=gemeente)
    _afgekeurd(ander, ["9321"])  # another aanbieder's line
    return gemeente, aanbieder


def _export(user, formaat: str, query: str = "") -> bytes:
    taak = Taak.objects.create(gebruiker=user, soort="test", functie="test")
    afgekeurde_regels_exporteren(taak, formaat=formaat, query=query)
    taak.refresh_from_db()
    assert taak.gedaan == taak.totaal
    with taak.bestand.open("rb") as bestand:
        return bestand.read()


def _oud(user, query: str = "") -> tablib.Dataset:
    """What the old export read: the page's list, filtered and sorted the same."""
    from django.http import QueryDict

    from core.lijstexport import gefilterd
    from declaraties.filters import AFGEKEURD_SORTERING, AfgekeurdFilter

    return _oude_rijen(
        gefilterd(
            user,
            filterset_class=AfgekeurdFilter,
            queryset=selectors.afgekeurde_regel_list(user=user),
            sorteer_velden=AFGEKEURD_SORTERING,
            params=QueryDict(query),
        )
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "notatie=internationaal",
        "sortering=-client",
        "sortering=bedrag&notatie=internationaal",
        "retourcode=9321",
    ],
)
def test_csv_is_byte_for_byte_the_instance_based_export(
    regels, settings, tmp_path, query
):
    settings.MEDIA_ROOT = tmp_path
    gemeente, aanbieder = regels
    for user in (aanbieder_user(aanbieder), gemeente_user(gemeente)):
        oud = _oud(user, query)
        notatie = "internationaal" if "internationaal" in query else exports.NL
        assert _export(user, "csv", query) == _oude_csv(oud, notatie)
    assert len(_oud(aanbieder_user(aanbieder))) == 6


def test_xlsx_has_the_cells_and_formats_of_the_instance_based_export(
    regels, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = aanbieder_user(regels[1])
    oud = _oud(user)
    boek = load_workbook(io.BytesIO(_export(user, "xlsx")))
    blad = boek.active
    assert blad.title == "Afgekeurde regels" and blad.freeze_panes == "A2"
    rijen = list(blad.iter_rows())
    assert [c.value for c in rijen[0]] == exports.KOLOMMEN
    assert all(c.font.b for c in rijen[0])
    for kolom, kop in enumerate(exports.KOLOMMEN):
        letter = rijen[0][kolom].column_letter
        assert blad.column_dimensions[letter].width == max(12, len(kop) + 2)
    assert len(rijen) == len(oud) + 1
    for cellen, waarden in zip(rijen[1:], oud, strict=True):
        for cel, waarde in zip(cellen, waarden, strict=True):
            if isinstance(waarde, Decimal):
                assert cel.value == float(waarde)
                assert cel.number_format == tabellen.EURO_FORMAAT
            elif isinstance(waarde, date):
                assert cel.value == datetime.combine(waarde, datetime.min.time())
                assert cel.number_format == tabellen.DATUM_FORMAAT
            else:
                assert cel.value == (waarde if waarde != "" else None)
                assert cel.data_type != "f"  # '=HYPERLINK…' stays text


def test_each_party_exports_only_its_own_lines(regels, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    gemeente, aanbieder = regels
    for user, aantal in (
        (aanbieder_user(aanbieder), 6),
        (gemeente_user(gemeente), 7),  # both aanbieders' lines
        (aanbieder_user(ToewijzingFactory().aanbieder), 0),
        (gemeente_user(ToewijzingFactory().gemeente), 0),
    ):
        tekst = _export(user, "csv").decode("utf-8-sig")
        assert len(tekst.splitlines()) == aantal + 1


def test_the_export_reads_the_same_number_of_queries_for_more_lines(
    regels, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = aanbieder_user(regels[1])

    def queries() -> int:
        with CaptureQueriesContext(connection) as gevangen:
            _export(user, "csv")
        return len(gevangen)

    minder = queries()
    t = ToewijzingFactory(
        declarabel=True, aanbieder=regels[1], client__gemeente=regels[0]
    )
    for _ in range(20):
        _afgekeurd(t, ["9321"])
    assert queries() == minder
