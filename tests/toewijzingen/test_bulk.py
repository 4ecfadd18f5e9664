"""Bulk start zorg and bulk answers to verzoeken: one job, a result and a message per
item; one refused item (also another party's or a forged id) stops nothing else."""

from datetime import date

from django.db import connection
from django.urls import reverse

import pytest

from berichten.models import Bericht
from core.models import Taak
from tests.core.factories import aanbieder_user
from tests.stamgegevens.factories import AanbiederFactory
from tests.toewijzingen.factories import (
    ToewijzingFactory,
    VerzoekFactory,
    VerzoekProductFactory,
)
from toewijzingen.constants import VerzoekStatus
from toewijzingen.models import Levering

AUG = date(2026, 8, 3)
START = reverse("toewijzingen:bulk-start")
VERZOEKEN = reverse("toewijzingen:bulk-verzoeken")

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the large bulk run is measured on PG"
)


def _toewijzing(opzet, **kwargs):
    return ToewijzingFactory(
        client=opzet.client,
        aanbieder=opzet.aanbieder,
        contract=opzet.contract,
        product=opzet.product,
        **({"ingangsdatum": AUG} | kwargs),
    )


def _regels(taak) -> dict[int, dict]:
    return {regel["id"]: regel for regel in taak.resultaat["regels"]}


def test_r_s1_bulk_start_each_toewijzing_checked_on_its_own(client, opzet):
    goed = [_toewijzing(opzet) for _ in range(2)]
    te_vroeg = _toewijzing(opzet, ingangsdatum=date(2026, 8, 10))  # R-S1 refuses
    client.force_login(opzet.aanbieder_user)

    antwoord = client.post(
        START,
        {"ids": [goed[0].pk, te_vroeg.pk, goed[1].pk], "begindatum": "2026-08-03"},
    )

    taak = Taak.objects.get()
    assert antwoord.url == taak.get_absolute_url()
    assert taak.status == Taak.Status.KLAAR
    assert (taak.resultaat["gelukt"], taak.resultaat["geweigerd"]) == (2, 1), (
        taak.resultaat
    )
    regels = _regels(taak)
    assert "R-S1" in regels[te_vroeg.pk]["tekst"] and regels[te_vroeg.pk]["fout"]
    assert not regels[goed[1].pk].get("fout")  # the refusal stopped nothing after it
    # Each started toewijzing sent its own 305; the refused one has none.
    assert set(Levering.objects.values_list("toewijzing_id", flat=True)) == {
        goed[0].pk,
        goed[1].pk,
    }
    assert Bericht.objects.filter(bericht_type="WMO305").count() == 2
    pagina = client.get(taak.get_absolute_url())
    assert "2 gelukt, 1 geweigerd." in pagina.content.decode()
    assert f"Toewijzing {te_vroeg.toewijzing_nummer}: geweigerd" in (
        pagina.content.decode()
    )


def test_bulk_start_refuses_another_partys_and_forged_ids_per_item(client, opzet):
    eigen = _toewijzing(opzet)
    vreemd = ToewijzingFactory(aanbieder=AanbiederFactory(), ingangsdatum=AUG)
    client.force_login(opzet.aanbieder_user)

    client.post(
        START, {"ids": [vreemd.pk, 999_999, eigen.pk], "begindatum": "2026-08-03"}
    )

    regels = _regels(Taak.objects.get())
    assert "niet van uw organisatie" in regels[vreemd.pk]["tekst"]
    assert "niet van uw organisatie" in regels[999_999]["tekst"]
    assert str(vreemd.toewijzing_nummer) not in regels[vreemd.pk]["tekst"]
    assert not regels[eigen.pk].get("fout")
    assert list(Levering.objects.values_list("toewijzing_id", flat=True)) == [eigen.pk]


def test_bulk_start_refuses_a_malformed_selection_and_the_gemeente(client, opzet):
    client.force_login(opzet.aanbieder_user)
    for ids in ([], ["1; DROP"], ["-3"]):
        antwoord = client.post(START, {"ids": ids, "begindatum": "2026-08-03"})
        assert antwoord.status_code == 302
        assert antwoord.url == reverse("toewijzingen:toewijzing-list")
    assert not Taak.objects.exists()
    assert client.get(START).status_code == 405  # a link cannot start it
    client.force_login(opzet.gemeente_user)
    toewijzing = _toewijzing(opzet)
    antwoord = client.post(START, {"ids": [toewijzing.pk], "begindatum": "2026-08-03"})
    assert antwoord.status_code == 403


def test_the_toewijzing_list_offers_the_selection_to_the_aanbieder_only(client, opzet):
    toewijzing = _toewijzing(opzet)
    client.force_login(opzet.aanbieder_user)
    pagina = client.get(reverse("toewijzingen:toewijzing-list")).content.decode()
    assert f'name="ids" value="{toewijzing.pk}"' in pagina and START in pagina
    client.force_login(opzet.gemeente_user)
    pagina = client.get(reverse("toewijzingen:toewijzing-list")).content.decode()
    assert 'name="ids"' not in pagina and START not in pagina


def _verzoek(opzet, **kwargs):
    verzoek = VerzoekFactory(client=opzet.client, aanbieder=opzet.aanbieder, **kwargs)
    VerzoekProductFactory(verzoek=verzoek, product=opzet.product)
    return verzoek


def test_tr359_bulk_answers_each_verzoek_with_its_own_message(client, opzet):
    open_ = [_verzoek(opzet) for _ in range(2)]
    al_beantwoord = _verzoek(opzet, status=VerzoekStatus.AFGEWEZEN)
    vreemd = VerzoekFactory(aanbieder=opzet.aanbieder)  # another gemeente's cliënt
    client.force_login(opzet.gemeente_user)
    pagina = client.get(reverse("toewijzingen:verzoek-list")).content.decode()
    assert VERZOEKEN in pagina and f'value="{open_[0].pk}"' in pagina

    client.post(
        VERZOEKEN,
        {
            "ids": [open_[0].pk, al_beantwoord.pk, vreemd.pk, open_[1].pk],
            "besluit": "honoreren",
        },
    )

    taak = Taak.objects.get()
    regels = _regels(taak)
    assert (taak.resultaat["gelukt"], taak.resultaat["geweigerd"]) == (2, 2)
    assert regels[al_beantwoord.pk]["fout"] and regels[vreemd.pk]["fout"]
    assert "niet van uw organisatie" in regels[vreemd.pk]["tekst"]
    for verzoek in open_:
        verzoek.refresh_from_db()
        assert verzoek.status == VerzoekStatus.GEHONOREERD
        assert verzoek.antwoord_bericht.bericht_type == "WMO301"
    assert len({v.antwoord_bericht_id for v in open_}) == 2  # a 301 each
    vreemd.refresh_from_db()
    assert vreemd.status == VerzoekStatus.OPEN


def test_cd085_bulk_afwijzen_needs_a_reden(client, opzet):
    verzoek = _verzoek(opzet)
    client.force_login(opzet.gemeente_user)
    antwoord = client.post(VERZOEKEN, {"ids": [verzoek.pk], "besluit": "afwijzen"})
    assert antwoord.url == reverse("toewijzingen:verzoek-list")
    assert not Taak.objects.exists()
    client.post(
        VERZOEKEN,
        {"ids": [verzoek.pk], "besluit": "afwijzen", "reden_afwijzing": "3"},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN
    assert verzoek.antwoord_bericht.bericht_type == "WMO319"


def test_an_aanbieder_cannot_answer_verzoeken(client, opzet):
    verzoek = _verzoek(opzet)
    client.force_login(aanbieder_user(opzet.aanbieder))
    antwoord = client.post(VERZOEKEN, {"ids": [verzoek.pk], "besluit": "honoreren"})
    assert antwoord.status_code == 403


@alleen_postgresql
def test_bulk_start_of_500_toewijzingen_completes_with_a_result_each(client, opzet):
    toewijzingen = [_toewijzing(opzet) for _ in range(500)]
    client.force_login(opzet.aanbieder_user)

    client.post(
        START, {"ids": [t.pk for t in toewijzingen], "begindatum": "2026-08-03"}
    )

    taak = Taak.objects.get()
    assert taak.status == Taak.Status.KLAAR
    assert (taak.gedaan, taak.totaal, taak.voortgang) == (500, 500, 100)
    assert taak.resultaat["gelukt"] == 500
    assert list(_regels(taak)) == [t.pk for t in toewijzingen]
    assert Levering.objects.count() == 500
    assert Bericht.objects.filter(bericht_type="WMO305").count() == 500
