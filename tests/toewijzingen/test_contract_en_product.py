"""The contract and the product table decide what may be assigned:
the product's eenheid (R-T4), the contract's einddatum (R-T1) and the
product's status (R-D9: vervallen, overgangsregeling)."""

from datetime import date

from django.test import Client as Browser

import pytest

from berichten import paden
from berichten.xml import types as t
from core.exceptions import ApplicationError
from stamgegevens.constants import ProductStatus
from stamgegevens.models import ContractProduct
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory
from tests.toewijzingen.opzet_helpers import bericht, kop, wmo315
from toewijzingen import handlers, services
from toewijzingen.models import Verzoek

SEP = date(2026, 9, 1)
CONTRACT_EINDE = date(2027, 12, 31)


@pytest.fixture
def minuten(opzet):
    """ZL10 in minuten (eenheid 01) in the contract."""
    product = ProductFactory(categorie="01", code="ZL10", eenheid="01", frequentie="2")
    ContractProductFactory(contract=opzet.contract, product=product)
    return product


def maak(opzet, **kwargs):
    args = {
        "user": opzet.gemeente_user,
        "client": opzet.client,
        "aanbieder": opzet.aanbieder,
        "product": opzet.product,
        "ingangsdatum": SEP,
        "volume": 1,
        "eenheid": "82",
        "frequentie": "4",
    } | kwargs
    return services.toewijzing_aanmaken(
        user=args.pop("user"),
        client=args.pop("client"),
        gegevens=services.ToewijzingGegevens(**args),
    )


def _eindig_contract(opzet):
    opzet.contract.einddatum = CONTRACT_EINDE
    opzet.contract.save()


# --- the product decides the eenheid (R-T4) ------------------------------------------


def test_r_t4_eenheid_is_the_products(opzet, minuten):
    week = {"frequentie": "2", "einddatum": date(2026, 12, 31)}
    goed = maak(opzet, product=minuten, volume=120, eenheid="01", **week)
    assert goed.eenheid == "01"
    with pytest.raises(
        ApplicationError, match="in minuut \\(eenheid 01\\), niet in eenheid 82"
    ):
        maak(
            opzet,
            client=ClientFactory(gemeente=opzet.gemeente),
            product=minuten,
            volume=2,
            eenheid="82",
            **week,
        )


def test_r_t4_wijzigen_cannot_change_the_eenheid(opzet, minuten):
    tw = maak(
        opzet,
        product=minuten,
        volume=120,
        eenheid="01",
        frequentie="2",
        einddatum=date(2026, 12, 31),
    )
    # OP033x1 refuses any change of eenheid in place before R-T4 is reached.
    with pytest.raises(ApplicationError, match="R-T4|OP033x1"):
        services.toewijzing_wijzigen(
            user=opzet.gemeente_user,
            toewijzing=tw,
            reden_wijziging="14",
            wijzigingen={"eenheid": "82"},
        )


def test_r_t4_form_takes_the_eenheid_from_the_product(opzet, minuten):
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    url = f"/toewijzingen/clienten/{opzet.client.pk}/toewijzing/"
    pagina = browser.get(url).content.decode()
    assert 'name="eenheid"' not in pagina  # not chosen
    assert "ZL10" in pagina and "in minuut (eenheid 01)" in pagina  # but shown
    cp = ContractProduct.objects.get(product=minuten)
    response = browser.post(
        url,
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "einddatum": "2026-12-31",
            "volume": "120",
            "frequentie": "2",
            "eenheid": "82",  # ignored: the form has no such field
        },
    )
    assert response.status_code == 302
    assert opzet.client.toewijzingen.get().eenheid == "01"


def test_r_t4_wijzigen_form_shows_the_eenheid_disabled(opzet, minuten):
    tw = maak(
        opzet,
        product=minuten,
        volume=120,
        eenheid="01",
        frequentie="2",
        einddatum=date(2026, 12, 31),
    )
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    pagina = browser.get(f"/toewijzingen/{tw.pk}/wijzigen/").content.decode()
    assert "ZL10 wordt toegewezen in minuut (eenheid 01)." in pagina
    assert 'name="eenheid"' in pagina and "disabled" in pagina


def _vow(opzet, tw, eenheid):
    return services.verzoek_om_wijziging_indienen(
        user=opzet.aanbieder_user,
        client=opzet.client,
        referentie_aanbieder=f"VOW-{eenheid}",
        reden_verzoek="1",
        producten=[
            services.GewenstProduct(
                toewijzing=tw,
                ingangsdatum=date(2026, 10, 1),
                einddatum=date(2026, 12, 31),
                volume=150,
                eenheid=eenheid,
                frequentie="2",
            )
        ],
    )


def test_r_t4_317_in_another_eenheid_is_refused_before_sending(opzet, minuten):
    tw = maak(
        opzet,
        product=minuten,
        volume=120,
        eenheid="01",
        frequentie="2",
        einddatum=date(2026, 12, 31),
    )
    with pytest.raises(ApplicationError, match="in minuut \\(eenheid 01\\).*R-T4"):
        _vow(opzet, tw, "82")
    assert _vow(opzet, tw, "01").producten.filter(eenheid="01").exists()


def test_r_t4_315_in_another_eenheid_is_refused_before_sending(opzet, minuten):
    def vot(eenheid):
        return services.verzoek_om_toewijzing_indienen(
            user=opzet.aanbieder_user,
            gemeente=opzet.gemeente,
            client=services.ClientGegevens(
                bsn=opzet.client.bsn,
                geboortedatum=opzet.client.geboortedatum,
                geslacht="1",
                achternaam="Visser",
            ),
            producten=[
                services.AangevraagdProduct(
                    referentie_aanbieder=f"VOT-{eenheid}",
                    product=minuten,
                    ingangsdatum=SEP,
                    einddatum=date(2026, 12, 31),
                    volume=120,
                    eenheid=eenheid,
                    frequentie="2",
                    verwijzer_type="01",
                    verwijzer_naam="Wmo-loket",
                )
            ],
        )

    with pytest.raises(ApplicationError, match="R-T4"):
        vot("82")
    assert vot("01")


def test_r_t4_received_315_in_another_eenheid_is_refused_with_9341(opzet):
    opzet.product.eenheid = "01"  # the 315 asks for it in stuks (82)
    opzet.product.save()
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=wmo315(opzet)
    )
    assert [(b.regel, b.retourcode, b.pad) for b in verwerking.bevindingen] == [
        ("R-T4", "9341", paden.aangevraagd_product(1))
    ]
    assert not Verzoek.objects.exists()
    opzet.product.eenheid = "82"
    opzet.product.save()
    verwerking = handlers.verzoek_om_toewijzing_verwerken(
        bericht=bericht(opzet, "WMO315"), message=wmo315(opzet, referentie="VOT-10")
    )
    assert verwerking.bevindingen == []


def test_r_t4_received_317_in_another_eenheid_is_refused_with_9341(opzet):
    tw = ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        ingangsdatum=date(2026, 8, 3),
    )

    def wmo317(eenheid):
        return t.Wmo317(
            header=kop(opzet),
            client=t.VowClient(
                bsn=opzet.client.bsn,
                verzoek=t.Verzoek(
                    referentie_aanbieder=f"VOW-{eenheid}",
                    reden_verzoek="1",
                    te_wijzigen_producten=[
                        t.TeWijzigenProduct(
                            toewijzing_nummer=tw.toewijzing_nummer,
                            gewenste_ingangsdatum=date(2026, 10, 1),
                            omvang=t.Omvang(volume=2, eenheid=eenheid, frequentie="4"),
                        )
                    ],
                ),
            ),
        )

    verwerking = handlers.verzoek_om_wijziging_verwerken(
        bericht=bericht(opzet, "WMO317"), message=wmo317("01")
    )
    assert [(b.regel, b.retourcode, b.pad) for b in verwerking.bevindingen] == [
        ("R-T4", "9341", paden.te_wijzigen_product(1))
    ]
    verwerking = handlers.verzoek_om_wijziging_verwerken(
        bericht=bericht(opzet, "WMO317"), message=wmo317("82")
    )
    assert verwerking.bevindingen == []


# --- the contract's einddatum (R-T1) ---------------------------------------------------


def test_r_t1_toewijzing_not_past_the_contract_einddatum(opzet):
    _eindig_contract(opzet)

    def ander():
        return ClientFactory(gemeente=opzet.gemeente)

    assert maak(opzet, einddatum=CONTRACT_EINDE).einddatum == CONTRACT_EINDE
    with pytest.raises(ApplicationError, match="loopt tot en met 31-12-2027.*R-T1"):
        maak(opzet, client=ander(), einddatum=None)  # no einddatum runs past it too
    with pytest.raises(ApplicationError, match="R-T1"):
        maak(opzet, client=ander(), einddatum=date(2028, 1, 31))


def test_r_t1_verlengen_not_past_the_contract_einddatum(opzet):
    _eindig_contract(opzet)
    tw = maak(opzet, einddatum=date(2026, 12, 31))
    gebruiker = opzet.gemeente_user
    with pytest.raises(ApplicationError, match="loopt tot en met 31-12-2027.*R-T1"):
        services.toewijzing_verlengen(
            user=gebruiker, toewijzing=tw, einddatum=date(2028, 6, 30)
        )
    verlengd = services.toewijzing_verlengen(
        user=gebruiker, toewijzing=tw, einddatum=CONTRACT_EINDE
    )
    assert verlengd.einddatum == CONTRACT_EINDE


def test_r_t1_wijzigen_not_past_the_contract_einddatum_but_shortening_is_allowed(opzet):
    _eindig_contract(opzet)
    tw = ToewijzingFactory(  # made before the contract had an end
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        ingangsdatum=SEP,
        einddatum=date(2028, 6, 30),
    )
    with pytest.raises(ApplicationError, match="R-T1"):
        services.toewijzing_wijzigen(
            user=opzet.gemeente_user,
            toewijzing=tw,
            reden_wijziging="14",
            wijzigingen={"einddatum": None},
        )
    korter = services.toewijzing_wijzigen(
        user=opzet.gemeente_user,
        toewijzing=tw,
        reden_wijziging="14",
        wijzigingen={"einddatum": date(2028, 3, 31)},
    )
    assert korter.einddatum == date(2028, 3, 31)  # shorter, still past: allowed


def test_r_t1_screen_says_the_contract_ends(opzet):
    _eindig_contract(opzet)
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    cp = ContractProduct.objects.get(product=opzet.product)
    response = browser.post(
        f"/toewijzingen/clienten/{opzet.client.pk}/toewijzing/",
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "prijsvorm": "onderhoud",
        },
    )
    assert response.status_code == 200
    assert "Het contract loopt tot en met 31-12-2027" in response.content.decode()


# --- the product's status (R-D9) --------------------------------------------------------


def test_r_d9_vervallen_product_is_not_newly_assigned(opzet):
    vervallen = ProductFactory(code="ZL07", status=ProductStatus.VERVALLEN)
    ContractProductFactory(contract=opzet.contract, product=vervallen)
    assert maak(opzet).product == opzet.product  # an active product
    with pytest.raises(ApplicationError, match="ZL07 is vervallen.*R-D9"):
        maak(opzet, product=vervallen)
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    pagina = browser.get(f"/toewijzingen/clienten/{opzet.client.pk}/toewijzing/")
    assert "ZL07" not in pagina.content.decode()  # not offered


def test_r_d9_overgangsregeling_only_for_clients_who_had_it(opzet):
    zl06 = ProductFactory(
        code="ZL06", categorie="01", status=ProductStatus.OVERGANGSREGELING
    )
    ContractProductFactory(contract=opzet.contract, product=zl06)
    ToewijzingFactory(
        client=opzet.client, product=zl06, verlopen=True
    )  # had it in 2025
    assert maak(opzet, product=zl06).product == zl06
    nieuw = ClientFactory(gemeente=opzet.gemeente)
    with pytest.raises(ApplicationError, match="overgangsregeling.*R-D9"):
        maak(opzet, client=nieuw, product=zl06)
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    pagina = browser.get(f"/toewijzingen/clienten/{nieuw.pk}/toewijzing/")
    assert "overgangsregeling: alleen voor cliënten die het al hadden" in (
        pagina.content.decode()
    )


def test_r_t4_wijzigen_form_keeps_the_products_eenheid(opzet, minuten):
    tw = maak(
        opzet,
        product=minuten,
        volume=120,
        eenheid="01",
        frequentie="6",  # a total: its volume may change in place (OP033x1)
        einddatum=date(2026, 12, 31),
    )
    browser = Browser()
    browser.force_login(opzet.gemeente_user)
    data = {
        "reden_wijziging": "14",
        "ingangsdatum": "2026-09-01",
        "einddatum": "2026-12-31",
        "volume": "90",
        "frequentie": "6",
        "eenheid": "82",  # a posted eenheid is ignored: the field is disabled
    }
    response = browser.post(f"/toewijzingen/{tw.pk}/wijzigen/", data)
    assert response.status_code == 302
    tw.refresh_from_db()
    assert (tw.volume, tw.eenheid) == (90, "01")


def test_r_t1_honoured_verzoek_ends_with_the_contract(opzet):
    _eindig_contract(opzet)
    verzoek = services.verzoek_om_toewijzing_indienen(
        user=opzet.aanbieder_user,
        gemeente=opzet.gemeente,
        client=services.ClientGegevens(
            bsn=opzet.client.bsn,
            geboortedatum=opzet.client.geboortedatum,
            geslacht="1",
            achternaam="Visser",
        ),
        producten=[
            services.AangevraagdProduct(
                referentie_aanbieder="VOT-OPEN",
                product=opzet.product,
                ingangsdatum=SEP,
                volume=1,
                eenheid="82",
                frequentie="4",
                verwijzer_type="01",
                verwijzer_naam="Wmo-loket",
            )
        ],
    )[0]
    [tw] = services.verzoek_honoreren(user=opzet.gemeente_user, verzoek=verzoek)
    assert tw.einddatum == CONTRACT_EINDE  # asked without an end: not past the contract
