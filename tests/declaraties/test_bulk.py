"""Correct several afgekeurde regels in one go (TR321: volume to the toegewezen
volume), one job with a result per line; another party's line is refused alone."""

from datetime import date

from django.urls import reverse

import pytest

from core.models import Taak
from declaraties import services
from declaraties.constants import PrestatieStatus
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.toewijzingen.factories import ToewijzingFactory

pytestmark = pytest.mark.django_db

AUGUSTUS = date(2026, 8, 1)
CORRIGEREN = reverse("declaraties:bulk-corrigeren")


@pytest.fixture
def afgekeurd():
    """Two lines of 11 stuks where 10 per maand are toegewezen: rejected (9321)."""
    eerste = ToewijzingFactory(declarabel=True)
    ToewijzingFactory(
        declarabel=True, aanbieder=eerste.aanbieder, gemeente=eerste.gemeente
    )
    user = aanbieder_user(eerste.aanbieder)
    [declaratie] = services.declaratie_voorstellen(user=user, periode=AUGUSTUS)
    for regel in declaratie.prestaties.all():
        services.declaratie_regel_wijzigen(
            user=user, prestatie=regel, geleverd_volume=11
        )
    services.declaratie_indienen(user=user, declaratie=declaratie)
    regels = list(declaratie.prestaties.order_by("pk"))
    assert [r.retourcodes for r in regels] == [["9321"], ["9321"]]
    return user, regels


def test_tr321_bulk_correction_to_the_toegewezen_volume(client, afgekeurd):
    user, regels = afgekeurd
    goedgekeurd = PrestatieFactory(
        t=ToewijzingFactory(declarabel=True, aanbieder=user.aanbieder),
        declaratie__aanbieder=user.aanbieder,
    )
    vreemd = PrestatieFactory(status=PrestatieStatus.AFGEKEURD)  # another aanbieder
    client.force_login(user)
    pagina = client.get(reverse("declaraties:afgekeurde-regels")).content.decode()
    assert CORRIGEREN in pagina and f'value="{regels[0].pk}"' in pagina

    ids = [regels[0].pk, vreemd.pk, goedgekeurd.pk, regels[1].pk]
    antwoord = client.post(CORRIGEREN, {"ids": ids, "volume": "toegewezen"})

    taak = Taak.objects.get()
    assert antwoord.url == taak.get_absolute_url()
    uitkomst = {r["id"]: r for r in taak.resultaat["regels"]}
    assert (taak.resultaat["gelukt"], taak.resultaat["geweigerd"]) == (2, 2)
    assert "niet van uw organisatie" in uitkomst[vreemd.pk]["tekst"]
    assert "niet afgekeurd" in uitkomst[goedgekeurd.pk]["tekst"]
    nieuw = [r.vervangen_door for r in regels]
    assert [n.geleverd_volume for n in nieuw] == [10, 10]
    assert nieuw[0].declaratie == nieuw[1].declaratie  # one concept to send
    vreemd.refresh_from_db()
    assert vreemd.vervangen_door is None

    services.declaratie_indienen(user=user, declaratie=nieuw[0].declaratie)
    for regel in nieuw:
        regel.refresh_from_db()
        assert regel.status == PrestatieStatus.GOEDGEKEURD


def test_a_line_corrected_already_is_refused_the_second_time(client, afgekeurd):
    user, regels = afgekeurd
    client.force_login(user)
    client.post(CORRIGEREN, {"ids": [regels[0].pk], "volume": "ongewijzigd"})
    client.post(CORRIGEREN, {"ids": [regels[0].pk], "volume": "ongewijzigd"})
    eerste, tweede = Taak.objects.order_by("pk")
    assert eerste.resultaat["gelukt"] == 1
    assert "al gecorrigeerd" in tweede.resultaat["regels"][0]["tekst"]


def test_only_the_aanbieder_corrects_in_bulk(client, afgekeurd):
    _, regels = afgekeurd
    client.force_login(gemeente_user(regels[0].declaratie.gemeente))
    antwoord = client.post(CORRIGEREN, {"ids": [regels[0].pk], "volume": "toegewezen"})
    assert antwoord.status_code == 403
    pagina = client.get(reverse("declaraties:afgekeurde-regels")).content.decode()
    assert 'name="ids"' not in pagina and CORRIGEREN not in pagina
