"""The toewijzingen screens: each form's happy path, a refusal per rule shown with
its reason, BSN masking and logging, and isolation between parties."""

from datetime import date

import pytest

from core.models import BsnInzage
from portaal.signalen import signalen_vastleggen
from stamgegevens.models import ContractProduct
from tests.berichten.factories import BerichtFactory
from tests.core.factories import beheerder_user
from tests.stamgegevens.factories import ContractProductFactory, ProductFactory
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
    geldig_bsn,
)
from tests.toewijzingen.opzet_helpers import ingelogd, maak, vot
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek

pytestmark = pytest.mark.django_db

SEP = date(2026, 9, 1)
URL = "/toewijzingen"


def fouten(response) -> str:
    """The form's errors as the user reads them."""
    form = response.context["form"]
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


def post(browser, url, data, *, geweigerd: str | None = None):
    response = browser.post(url, data)
    if geweigerd is None:
        assert response.status_code == 302, fouten(response)
    else:
        assert response.status_code == 200
        assert geweigerd in fouten(response)
        assert geweigerd in response.content.decode()
    return response


# --- cliënten ------------------------------------------------------------------------


def test_client_list_masks_bsn_and_detail_shows_it_in_full_and_logs(opzet, gm):
    bsn = opzet.client.bsn
    lijst = gm.get(f"{URL}/clienten/").content.decode()
    assert opzet.client.achternaam in lijst
    assert f"*****{bsn[-4:]}" in lijst and bsn not in lijst
    detail = gm.get(f"{URL}/clienten/{opzet.client.pk}/").content.decode()
    assert bsn in detail
    inzage = BsnInzage.objects.get()
    assert (inzage.gebruiker, inzage.bsn) == (opzet.gemeente_user, bsn)
    assert inzage.waar == f"{URL}/clienten/{opzet.client.pk}/"


def test_client_aanmaken_and_refusals(opzet, gm):
    data = {
        "bsn": geldig_bsn(901),
        "geboortedatum": "1950-01-01",
        "geslacht": "1",
        "achternaam": "Jansen",
        "naam_gebruik": "1",
        "telefoon": "0612345678",
    }
    post(gm, f"{URL}/clienten/nieuw/", data)
    assert Client.objects.filter(achternaam="Jansen", gemeente=opzet.gemeente).exists()
    post(gm, f"{URL}/clienten/nieuw/", data, geweigerd="al een cliënt met dit BSN")
    post(
        gm,
        f"{URL}/clienten/nieuw/",
        data | {"bsn": "123456789"},
        geweigerd="elfproef",
    )


def test_client_wijzigen(opzet, gm, ab):
    url = f"{URL}/clienten/{opzet.client.pk}/wijzigen/"
    data = {
        "geboortedatum": "1948-05-17",
        "geslacht": "2",
        "achternaam": "Bakker-de Vries",
        "naam_gebruik": "1",
    }
    post(gm, url, data)
    assert Client.objects.get(pk=opzet.client.pk).achternaam == "Bakker-de Vries"
    ToewijzingFactory(client=opzet.client, aanbieder=opzet.aanbieder)
    assert ab.get(f"{URL}/clienten/{opzet.client.pk}/").status_code == 200
    assert ab.get(url).status_code == 403


# --- toewijzing aanmaken -------------------------------------------------------------------


def test_toewijzing_aanmaken_sends_301_and_shows_the_302(opzet, gm):
    cp = ContractProduct.objects.get(product=opzet.product)
    url = f"{URL}/clienten/{opzet.client.pk}/toewijzing/"
    response = post(
        gm,
        url,
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "volume": 2,
            "eenheid": "82",
            "frequentie": "4",
        },
    )
    toewijzing = Toewijzing.objects.get()
    assert response.url == f"{URL}/{toewijzing.pk}/"
    assert toewijzing.bericht.bericht_type == "WMO301"
    pagina = gm.get(response.url).content.decode()
    assert "WMO301" in pagina and "WMO302" in pagina and "geaccepteerd" in pagina


def test_toewijzing_aanmaken_refused_with_reason(opzet, gm):
    url = f"{URL}/clienten/{opzet.client.pk}/toewijzing/"
    cp = ContractProduct.objects.get(product=opzet.product)
    # R-T4: an omvang or a budget.
    post(
        gm,
        url,
        {"contractproduct": cp.pk, "ingangsdatum": "2026-09-01"},
        geweigerd="Geef een omvang",
    )
    # R-T1: only products in a contract are offered; another is refused.
    ander = ContractProductFactory(product=ProductFactory(code="99X99"))
    post(
        gm,
        url,
        {"contractproduct": ander.pk, "ingangsdatum": "2026-09-01"},
        geweigerd="geldige keuze",
    )
    assert b"99X99" not in gm.get(url).content
    # TR061: no address or phone.
    zonder = ClientFactory(gemeente=opzet.gemeente, huisnummer=None, postcode="")
    post(
        gm,
        f"{URL}/clienten/{zonder.pk}/toewijzing/",
        {
            "contractproduct": cp.pk,
            "ingangsdatum": "2026-09-01",
            "prijsvorm": "onderhoud",
        },
        geweigerd="TR061",
    )
    assert not Toewijzing.objects.exists()


# --- toewijzing wijzigen, verlengen, intrekken, beëindigen, verhuizing, overlijden -------


def test_wijzigen_needs_reden_and_sends_only_changes(opzet, gm):
    toewijzing = maak(opzet)
    url = f"{URL}/{toewijzing.pk}/wijzigen/"
    data = {
        "ingangsdatum": "2026-08-03",
        "einddatum": "2026-12-31",
        "volume": 1,
        "eenheid": "82",
        "frequentie": "4",
    }
    post(gm, url, data, geweigerd="Geef een reden wijziging")
    post(gm, url, data | {"reden_wijziging": "05"})
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == (
        date(2026, 12, 31),
        "05",
    )


@pytest.mark.parametrize(
    ("actie", "voorbeeld", "geweigerd", "goed", "einde"),
    [
        # OP380: a verlenging stretches the einddatum (reden 04).
        (
            "verlengen",
            "",
            ({"einddatum": "2026-10-31"}, "OP380"),
            {"einddatum": "2027-06-30"},
            (date(2027, 6, 30), "04"),
        ),
        # R-T5: an intrekking has an einddatum and a reden wijziging.
        (
            "intrekken",
            "",
            ({"einddatum": "2026-09-15"}, "R-T5"),
            {"einddatum": "2026-09-15", "reden_wijziging": "05"},
            (date(2026, 9, 15), "05"),
        ),
        # R-T6: ends on the last day of the month of sending.
        (
            "beeindigen",
            "Einddatum wordt 31-08-2026",
            ({}, "Geef een reden wijziging (R-T6)"),
            {"reden_wijziging": "05"},
            (date(2026, 8, 31), "05"),
        ),
        # R-T7: verhuizing ends two months ahead.
        (
            "verhuizing",
            "Einddatum wordt 31-10-2026",
            ({"reden_wijziging": ""}, "R-T7"),
            {"reden_wijziging": "07"},
            (date(2026, 10, 31), "07"),
        ),
    ],
)
def test_gemeente_ends_or_stretches_a_toewijzing(
    opzet, gm, actie, voorbeeld, geweigerd, goed, einde
):
    toewijzing = maak(opzet, einddatum=date(2026, 12, 31))
    url = f"{URL}/{toewijzing.pk}/{actie}/"
    assert voorbeeld in gm.get(url).content.decode()
    post(gm, url, geweigerd[0], geweigerd=geweigerd[1])
    post(gm, url, goed)
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == einde
    if actie != "verlengen":
        assert toewijzing.beeindigd_op is not None
        # Once ended, no second change.
        post(gm, url, goed, geweigerd="al beëindigd")


def test_overlijden_bevestigen_after_stop_with_reden_02(opzet, gm):
    toewijzing = maak(opzet)
    url = f"{URL}/{toewijzing.pk}/overlijden/"
    assert "geen stop zorg met reden overlijden" in gm.get(url).content.decode()
    post(gm, url, {}, geweigerd="R-T8")
    LeveringFactory(toewijzing=toewijzing, begindatum=date(2026, 8, 3))
    LeveringFactory(
        toewijzing=toewijzing,
        stop=True,
        begindatum=date(2026, 8, 3),
        einddatum=date(2026, 8, 20),
        reden_beeindiging="02",
    )
    detail = gm.get(f"{URL}/{toewijzing.pk}/").content.decode()
    assert "Overlijden bevestigen" in detail
    assert "Einddatum wordt 31-08-2026" in gm.get(url).content.decode()
    post(gm, url, {})
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.reden_wijziging) == (
        date(2026, 8, 31),
        "02",
    )


# --- start and stop zorg ------------------------------------------------------------


def test_start_and_stop_zorg_through_the_forms(opzet, gm, ab):
    toewijzing = maak(opzet)
    start, stop = f"{URL}/{toewijzing.pk}/start/", f"{URL}/{toewijzing.pk}/stop/"
    post(
        ab,
        start,
        {"begindatum": "2026-08-02", "status_aanlevering": "1"},
        geweigerd="R-S1",
    )
    post(ab, start, {"begindatum": "2026-08-03", "status_aanlevering": "1"})
    post(
        ab,
        start,
        {"begindatum": "2026-08-04", "status_aanlevering": "1"},
        geweigerd="TR326",
    )
    assert 'value="2026-08-03"' in ab.get(stop).content.decode()
    data = {
        "begindatum": "2026-08-03",
        "einddatum": "2026-08-27",
        "status_aanlevering": "1",
    }
    post(
        ab,
        stop,
        data | {"einddatum": "2026-08-29", "reden_beeindiging": "19"},
        geweigerd="TR134",
    )
    post(ab, stop, data, geweigerd="CS058")
    post(ab, stop, data | {"reden_beeindiging": "19"})
    assert [lv.bericht.bericht_type for lv in Levering.objects.order_by("id")] == [
        "WMO305",
        "WMO307",
    ]
    detail = gm.get(f"{URL}/{toewijzing.pk}/").content.decode()
    assert "Gestopt" in detail and "WMO308" in detail and "WMO306" in detail
    assert gm.get(start).status_code == 403


def test_a_rejected_305_shows_its_retourcodes_and_reasons(opzet, ab):
    """A 305 answered outside the portal: the 306 says why it was refused."""
    toewijzing = maak(opzet)
    heen = BerichtFactory(
        gemeente=opzet.gemeente,
        aanbieder=opzet.aanbieder,
        bericht_type="WMO305",
        bsn=opzet.client.bsn,
    )
    BerichtFactory(
        gemeente=opzet.gemeente,
        aanbieder=opzet.aanbieder,
        bericht_type="WMO306",
        heenbericht=heen,
        retourcodes=["0200"],
        bevindingen=[
            {"regel": "TR326", "retourcode": "9326", "tekst": "Er loopt al een start."}
        ],
    )
    LeveringFactory(toewijzing=toewijzing, bericht=heen)
    [regel] = [
        r
        for r in ab.get(f"{URL}/{toewijzing.pk}/").context["berichten"]
        if r.bericht == heen
    ]
    assert regel.status == "afgekeurd"
    assert [(rc.code, rc.tekst) for rc in regel.retourcodes] == [
        ("9326", "De actuele levering is nog niet gestopt met een Stopbericht.")
    ]
    assert regel.redenen == ["Er loopt al een start. (TR326)"]
    pagina = ab.get(f"{URL}/{toewijzing.pk}/").content.decode()
    assert "9326 – De actuele levering is nog niet gestopt" in pagina


# --- verzoeken ----------------------------------------------------------------------


def test_verzoek_om_toewijzing_through_the_form(opzet, ab, gm):
    c = opzet.client
    data = {
        "gemeente": opzet.gemeente.pk,
        "bsn": c.bsn,
        "geboortedatum": "1948-05-17",
        "geslacht": "2",
        "achternaam": c.achternaam,
        "referentie_aanbieder": "VOT-9",
        "product": opzet.product.pk,
        "ingangsdatum": "2026-09-01",
        "volume": 1,
        "eenheid": "82",
        "frequentie": "4",
        "verwijzer_type": "01",
    }
    url = f"{URL}/verzoeken/nieuw/"
    post(
        ab,
        url,
        data | {"volume": "", "eenheid": "", "frequentie": "", "budget": 5000},
        geweigerd="CD075",
    )
    post(ab, url, data)
    verzoek = Verzoek.objects.get()
    assert (verzoek.client, verzoek.bericht.bericht_type) == (c, "WMO315")
    post(ab, url, data, geweigerd="TR347")
    lijst = gm.get(f"{URL}/verzoeken/?open=true").content.decode()
    assert "VOT-9" in lijst and c.bsn not in lijst
    detail = ab.get(f"{URL}/verzoeken/{verzoek.pk}/").content.decode()
    assert "WMO316" in detail and "geaccepteerd" in detail


def test_verzoek_om_toewijzing_form_prefills_a_known_client(opzet, ab):
    ToewijzingFactory(client=opzet.client, aanbieder=opzet.aanbieder)
    response = ab.get(f"{URL}/verzoeken/nieuw/?client={opzet.client.pk}")
    assert response.context["form"].initial["bsn"] == opzet.client.bsn
    # The form shows the full BSN: the view is logged.
    inzage = BsnInzage.objects.get()
    assert (inzage.bsn, inzage.waar) == (opzet.client.bsn, f"{URL}/verzoeken/nieuw/")


def test_gemeente_honours_a_verzoek_with_a_301(opzet, gm):
    verzoek = vot(opzet)
    url = f"{URL}/verzoeken/{verzoek.pk}/"
    assert "Beantwoorden" in gm.get(url).content.decode()
    response = post(gm, url, {"besluit": "honoreren"})
    toewijzing = Toewijzing.objects.get()
    assert response.url == f"{URL}/{toewijzing.pk}/"
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.GEHONOREERD
    assert toewijzing.referentie_aanbieder == "VOT-1"
    post(gm, url, {"besluit": "honoreren"}, geweigerd="TR359")


def test_gemeente_answers_a_verzoek_with_a_319(opzet, gm, ab):
    verzoek = vot(opzet)
    url = f"{URL}/verzoeken/{verzoek.pk}/"
    post(gm, url, {"besluit": "in_onderzoek"})
    post(gm, url, {"besluit": "afwijzen"}, geweigerd="CD085")
    post(gm, url, {"besluit": "afwijzen", "reden_afwijzing": "3"})
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.reden_afwijzing) == (VerzoekStatus.AFGEWEZEN, "3")
    pagina = ab.get(url).content.decode()
    assert "Geen contract" in pagina and "WMO319" in pagina
    assert "Beantwoorden" not in pagina
    response = ab.post(url, {"besluit": "honoreren"})
    assert "contractmanager" in fouten(response)


def test_verzoek_om_wijziging_through_the_form(opzet, ab):
    toewijzing = maak(opzet, einddatum=date(2026, 12, 31))
    url = f"{URL}/clienten/{opzet.client.pk}/verzoek-om-wijziging/"
    data = {
        "referentie_aanbieder": "VOW-1",
        "reden_verzoek": "1",
        "toewijzing": toewijzing.pk,
        "ingangsdatum": "2026-08-20",
        "einddatum": "2027-03-31",
        "volume": 2,
        "eenheid": "82",
        "frequentie": "4",
    }
    post(ab, url, data | {"toewijzing": ""}, geweigerd="nieuw product")
    post(ab, url, data, geweigerd="TR357")
    post(ab, url, data | {"ingangsdatum": "2026-10-01"})
    verzoek = Verzoek.objects.get()
    assert verzoek.bericht.bericht_type == "WMO317"
    assert verzoek.producten.get(soort="te_wijzigen").toewijzing == toewijzing


# --- lists, signalen, isolation ----------------------------------------------------------------


def test_toewijzing_list_filters_and_needs_no_query_per_row(
    opzet, ab, django_assert_max_num_queries
):
    maak(opzet)
    ToewijzingFactory(
        client__gemeente=opzet.gemeente, aanbieder=opzet.aanbieder, gestart=True
    )
    ToewijzingFactory(
        client__gemeente=opzet.gemeente, aanbieder=opzet.aanbieder, beeindigd=True
    )
    ToewijzingFactory(client__gemeente=opzet.gemeente)  # another aanbieder's
    with django_assert_max_num_queries(12):
        response = ab.get(f"{URL}/")
    assert len(response.context["toewijzingen"]) == 3
    gestart = ab.get(f"{URL}/?status=gestart").context["toewijzingen"]
    assert [t.status_label for t in gestart] == ["Gestart"]
    periode = ab.get(f"{URL}/?van=2026-09-01").context["toewijzingen"]
    assert len(periode) == 2  # the beëindigde ended on 31-08-2026
    product = ab.get(f"{URL}/?product={opzet.product.pk}").context["toewijzingen"]
    assert len(product) == 1
    assert opzet.client.bsn not in response.content.decode()


def test_signalen_on_the_start_page_and_in_the_list(opzet, ab):
    toewijzing = ToewijzingFactory(
        client=opzet.client, aanbieder=opzet.aanbieder, ingangsdatum=date(2026, 8, 3)
    )
    signalen_vastleggen()
    start = ab.get("/").content.decode()
    assert (
        "Start zorg niet gemeld" in start and str(toewijzing.toewijzing_nummer) in start
    )
    lijst = ab.get(f"{URL}/signalen/?soort=start_ontbreekt")
    assert [s.url for s in lijst.context["object_list"]] == [f"{URL}/{toewijzing.pk}/"]
    assert not ab.get(f"{URL}/signalen/?soort=retour_ontbreekt").context["object_list"]


def test_other_party_gets_404(opzet, gm, ab):
    eigen = maak(opzet)
    verzoek = vot(opzet, referentie="VOT-2")
    vreemd = ToewijzingFactory()
    vreemde_client = vreemd.client
    for browser in (gm, ab):
        assert browser.get(f"{URL}/{eigen.pk}/").status_code == 200
        assert browser.get(f"{URL}/verzoeken/{verzoek.pk}/").status_code == 200
        assert browser.get(f"{URL}/{vreemd.pk}/").status_code == 404
        assert browser.get(f"{URL}/clienten/{vreemde_client.pk}/").status_code == 404
    assert gm.get(f"{URL}/{vreemd.pk}/beeindigen/").status_code == 404
    assert ab.get(f"{URL}/{vreemd.pk}/start/").status_code == 404
    assert ab.get(f"{URL}/{eigen.pk}/beeindigen/").status_code == 403


@pytest.mark.parametrize(
    ("pagina", "als_gemeente", "als_aanbieder", "als_beheerder"),
    [
        ("/", 200, 200, 200),
        (f"{URL}/", 200, 200, 200),
        (f"{URL}/clienten/", 200, 200, 200),
        (f"{URL}/clienten/nieuw/", 200, 403, 403),
        (f"{URL}/verzoeken/", 200, 200, 200),
        (f"{URL}/verzoeken/nieuw/", 403, 200, 403),
        (f"{URL}/signalen/", 200, 200, 403),
    ],
)
def test_pages_per_role(
    opzet, gm, ab, pagina, als_gemeente, als_aanbieder, als_beheerder
):
    maak(opzet)
    vot(opzet)
    bh = ingelogd(beheerder_user())
    for browser, verwacht in (
        (gm, als_gemeente),
        (ab, als_aanbieder),
        (bh, als_beheerder),
    ):
        assert browser.get(pagina).status_code == verwacht
