"""CSV and Excel exports neutralise spreadsheet formulas (core/tabellen.py)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import tablib
from openpyxl import load_workbook

from core.tabellen import is_formule, tabel_exporteren

GEVAARLIJK = ["=1+1", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\tx=1", "\rx=1"]
ONSCHULDIG = ["Jansen", "1=1", "a-b", "", "-12.50", "+31", "-3"]


def _data(*cellen) -> tablib.Dataset:
    data = tablib.Dataset(headers=["a"] * len(cellen), title="Test")
    data.append(list(cellen))
    return data


def _csv_rij(cellen) -> list[str]:
    tekst = tabel_exporteren(_data(*cellen), "csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst)))[1]


def _xlsx_rij(cellen):
    blad = load_workbook(io.BytesIO(tabel_exporteren(_data(*cellen), "xlsx"))).active
    return list(blad.iter_rows(min_row=2, max_row=2))[0]


@pytest.mark.parametrize("waarde", GEVAARLIJK)
def test_csv_cell_starting_with_a_formula_character_gets_a_quote(waarde):
    assert is_formule(waarde)
    assert _csv_rij([waarde]) == ["'" + waarde]


@pytest.mark.parametrize("waarde", ONSCHULDIG)
def test_csv_cell_without_a_formula_is_written_as_it_is(waarde):
    assert not is_formule(waarde)
    assert _csv_rij([waarde]) == [waarde]


@pytest.mark.parametrize("waarde", GEVAARLIJK)
def test_xlsx_cell_starting_with_a_formula_character_is_a_string(waarde):
    (cel,) = _xlsx_rij([waarde])
    assert cel.data_type == "s" and cel.value == waarde


def test_xlsx_without_neutralising_would_have_made_a_formula():
    """The failing case the helper guards against: openpyxl's own default."""
    from openpyxl import Workbook

    cel = Workbook().active["A1"]
    cel.value = "=1+1"
    assert cel.data_type == "f"


def test_negative_amounts_and_dates_stay_numbers_and_dates():
    bedrag, datum, getal = _xlsx_rij([Decimal("-12.50"), date(2026, 3, 1), -3])
    assert bedrag.data_type == "n" and bedrag.value == -12.5
    assert getal.data_type == "n" and getal.value == -3
    assert datum.is_date
    assert _csv_rij([Decimal("-12.50"), date(2026, 3, 1)]) == ["-12.50", "2026-03-01"]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        tabel_exporteren(_data("x"), "ods")
