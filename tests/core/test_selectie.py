"""One signature for every list selector: `<ding>_list(*, user, filters=None)`.

`filters` holds the keys a selector documents; a key without a value or one it
does not know is ignored (core.selectie)."""

import inspect

import pytest

from berichten import selectors as berichten_selectors
from declaraties import selectors as declaraties_selectors
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from stamgegevens import selectors as stamgegevens_selectors
from stamgegevens.constants import ProductStatus
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import DeclaratieFactory, PrestatieFactory
from tests.stamgegevens.factories import ContractFactory, ProductFactory
from toewijzingen import selectors as toewijzingen_selectors

LIST_SELECTORS = [
    getattr(module, naam)
    for module in (
        stamgegevens_selectors,
        berichten_selectors,
        toewijzingen_selectors,
        declaraties_selectors,
    )
    for naam in sorted(vars(module))
    if naam.endswith("_list") and inspect.isfunction(getattr(module, naam))
]


def test_the_four_apps_have_list_selectors():
    namen = {f.__name__ for f in LIST_SELECTORS}
    assert {
        "contract_list",
        "bericht_list",
        "toewijzing_list",
        "declaratie_list",
        "afgekeurde_regel_list",
    } <= namen


@pytest.mark.parametrize("selector", LIST_SELECTORS, ids=lambda f: f.__name__)
def test_list_selector_takes_keyword_user_and_filters(selector):
    parameters = inspect.signature(selector).parameters
    assert list(parameters) == ["user", "filters"]
    assert all(p.kind is p.KEYWORD_ONLY for p in parameters.values())
    assert parameters["filters"].default is None


def test_contract_list_filters_on_aanbieder(gemeente):
    user = gemeente_user(gemeente)
    eigen, ander = (
        ContractFactory(gemeente=gemeente),
        ContractFactory(gemeente=gemeente),
    )
    alle = stamgegevens_selectors.contract_list(user=user)
    gefilterd = stamgegevens_selectors.contract_list(
        user=user, filters={"aanbieder": eigen.aanbieder_id}
    )
    assert set(alle) == {eigen, ander}
    assert list(gefilterd) == [eigen]
    # No value, or a key the selector does not know: no filter.
    for filters in ({"aanbieder": ""}, {"onbekend": 1}):
        assert set(
            stamgegevens_selectors.contract_list(user=user, filters=filters)
        ) == {eigen, ander}


def test_product_list_filters_on_status(gemeente):
    user = gemeente_user(gemeente)
    actief = ProductFactory()
    vervallen = ProductFactory(vervallen=True)
    gefilterd = stamgegevens_selectors.product_list(
        user=user, filters={"status": ProductStatus.VERVALLEN}
    )
    assert vervallen in gefilterd and actief not in gefilterd


def test_bericht_list_filters_on_bericht_type(gemeente):
    user = gemeente_user(gemeente)
    toewijzing = BerichtFactory(gemeente=gemeente, bericht_type="WMO301")
    declaratie = BerichtFactory(gemeente=gemeente, bericht_type="WMO323")
    gefilterd = berichten_selectors.bericht_list(
        user=user, filters={"bericht_type": "WMO323"}
    )
    assert list(gefilterd) == [declaratie]
    assert set(berichten_selectors.bericht_list(user=user)) == {toewijzing, declaratie}


def test_declaratie_and_prestatie_lists_filter(aanbieder):
    user = aanbieder_user(aanbieder)
    concept = DeclaratieFactory(aanbieder=aanbieder, status=DeclaratieStatus.CONCEPT)
    verstuurd = DeclaratieFactory(aanbieder=aanbieder)
    gefilterd = declaraties_selectors.declaratie_list(
        user=user, filters={"status": DeclaratieStatus.CONCEPT}
    )
    assert list(gefilterd) == [concept]
    assert list(
        declaraties_selectors.declaratie_api_list(
            user=user, filters={"status": DeclaratieStatus.BEANTWOORD}
        )
    ) == [verstuurd]
    regel = PrestatieFactory(
        t__aanbieder=aanbieder,
        declaratie=verstuurd,
        status=PrestatieStatus.AFGEKEURD,
    )
    PrestatieFactory(t__aanbieder=aanbieder, status=PrestatieStatus.AFGEKEURD)
    assert list(
        declaraties_selectors.prestatie_list(
            user=user, filters={"declaratie": verstuurd.pk}
        )
    ) == [regel]
    assert list(
        declaraties_selectors.afgekeurde_regel_list(
            user=user, filters={"declaratie": verstuurd.pk}
        )
    ) == [regel]
