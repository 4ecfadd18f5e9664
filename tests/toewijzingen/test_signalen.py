"""Deadline signals (werkdagen) per party. Today is Friday 28-8-2026."""

from datetime import date, datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from berichten.constants import Kanaal
from berichten.models import Bericht
from core import werkdagen
from portaal import signalen, tasks
from tests.stamgegevens.factories import GemeenteFactory
from tests.toewijzingen.factories import (
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from toewijzingen.constants import SignaalSoort

VANDAAG = date(2026, 8, 28)


def soorten(lijst) -> list[tuple[str, object, int]]:
    return [(s.soort, s.object, s.werkdagen_te_laat) for s in lijst]


@pytest.mark.parametrize("termijn", [3, 5])
def test_laatste_dag_binnen_matches_plus_werkdagen(termijn):
    for offset in range(60):
        vandaag = date(2026, 4, 1) + timedelta(
            days=offset
        )  # includes Easter and Koningsdag
        grens = signalen.laatste_dag_binnen(vandaag, termijn)
        assert werkdagen.plus_werkdagen(grens, termijn) < vandaag
        assert werkdagen.plus_werkdagen(grens + timedelta(days=1), termijn) >= vandaag


def heen(opzet, bericht_type: str, dagtekening: date, nr: int) -> Bericht:
    return Bericht.objects.create(
        bericht_type=bericht_type,
        gemeente=opzet.gemeente,
        aanbieder=opzet.aanbieder,
        identificatie=f"S{nr}",
        dagtekening=dagtekening,
        kanaal=Kanaal.PORTAAL,
        inhoud=b"",
        sha256="0" * 64,
    )


def test_r_w1_retour_missing_after_3_werkdagen(opzet):
    te_laat = heen(opzet, "WMO301", date(2026, 8, 20), 1)  # due Tue 25-8
    beantwoord = heen(opzet, "WMO301", date(2026, 8, 20), 2)
    Bericht.objects.create(
        bericht_type="WMO302",
        heenbericht=beantwoord,
        kanaal=Kanaal.PORTAAL,
        inhoud=b"",
        sha256="0" * 64,
    )
    heen(opzet, "WMO301", date(2026, 8, 25), 3)  # due today: not late yet
    heen(opzet, "WMO305", date(2026, 8, 20), 4)  # the aanbieder's message
    result = signalen.retour_ontbreekt(gemeente=opzet.gemeente, vandaag=VANDAAG)
    assert soorten(result) == [(SignaalSoort.RETOUR_ONTBREEKT, te_laat, 3)]
    assert result[0].uiterlijk == date(2026, 8, 25)
    assert (
        len(signalen.retour_ontbreekt(aanbieder=opzet.aanbieder, vandaag=VANDAAG)) == 1
    )


def test_r_s1_start_not_reported_within_5_werkdagen(opzet):
    zonder_start = ToewijzingFactory(
        aanbieder=opzet.aanbieder, client=opzet.client, ingangsdatum=date(2026, 8, 20)
    )
    ToewijzingFactory(
        aanbieder=opzet.aanbieder,
        client=opzet.client,
        ingangsdatum=date(2026, 8, 20),
        gestart=True,
    )
    ToewijzingFactory(
        aanbieder=opzet.aanbieder, client=opzet.client, ingangsdatum=date(2026, 8, 24)
    )  # due 31-8
    assert soorten(
        signalen.start_ontbreekt(aanbieder=opzet.aanbieder, vandaag=VANDAAG)
    ) == [(SignaalSoort.START_ONTBREEKT, zonder_start, 1)]


def test_op274_verzoek_unanswered_after_5_werkdagen(opzet):
    oud = VerzoekFactory(client=opzet.client, aanbieder=opzet.aanbieder)
    VerzoekFactory(client=opzet.client, aanbieder=opzet.aanbieder)  # submitted today
    type(oud).objects.filter(pk=oud.pk).update(
        ingediend_op=timezone.make_aware(datetime(2026, 8, 20, 9))
    )
    assert soorten(
        signalen.verzoek_onbeantwoord(gemeente=opzet.gemeente, vandaag=VANDAAG)
    ) == [(SignaalSoort.VERZOEK_ONBEANTWOORD, oud, 1)]
    assert (
        len(signalen.verzoek_onbeantwoord(gemeente=GemeenteFactory(), vandaag=VANDAAG))
        == 0
    )


def test_toewijzing_ending_within_8_weeks_without_successor(opzet):
    kwargs = {
        "aanbieder": opzet.aanbieder,
        "client": opzet.client,
        "contract": opzet.contract,
    }
    loopt_af = ToewijzingFactory(**kwargs, einddatum=date(2026, 9, 30))
    met_opvolger = ToewijzingFactory(**kwargs, einddatum=date(2026, 10, 15))
    ToewijzingFactory(
        **kwargs, product=met_opvolger.product, ingangsdatum=date(2026, 10, 16)
    )
    ToewijzingFactory(**kwargs, einddatum=date(2027, 3, 31))  # later than 8 weeks
    ToewijzingFactory(**kwargs, beeindigd=True)
    result = signalen.toewijzing_loopt_af(aanbieder=opzet.aanbieder, vandaag=VANDAAG)
    assert soorten(result) == [(SignaalSoort.TOEWIJZING_LOOPT_AF, loopt_af, 0)]
    assert result[0].uiterlijk == date(2026, 9, 30)


def test_signalen_per_party_task_and_command(opzet):
    ToewijzingFactory(
        aanbieder=opzet.aanbieder, client=opzet.client, ingangsdatum=date(2026, 8, 20)
    )
    LeveringFactory()  # another gemeente and aanbieder, started: no signal
    assert [s.soort for s in signalen.signalen_voor(aanbieder=opzet.aanbieder)] == [
        SignaalSoort.START_ONTBREEKT
    ]
    assert signalen.signalen_voor(gemeente=opzet.gemeente) == []
    assert tasks.signalen_berekenen.delay().get() == {
        "nieuw": 1,
        "bijgewerkt": 0,
        "opgelost": 0,
        "open": 1,
    }
    out = StringIO()
    call_command("signalen", stdout=out)
    assert "0 nieuw, 0 bijgewerkt, 0 opgelost, 1 open" in out.getvalue()
    assert f"aanbieder:{opzet.aanbieder.agb_code}" in out.getvalue()
    assert "Start zorg niet gemeld (R-S1, OP271)" in out.getvalue()
    with pytest.raises(ValueError):
        signalen.signalen_voor()


@pytest.mark.parametrize("aantal", [0, 1, 2, 3, 10])
def test_start_page_shows_the_head_of_the_stored_list_with_its_length(
    opzet, aantal, settings
):
    from toewijzingen import selectors

    for dag in (20, 21):  # two start zorg signals
        ToewijzingFactory(
            aanbieder=opzet.aanbieder,
            client=opzet.client,
            ingangsdatum=date(2026, 8, dag - 10),
        )
    ToewijzingFactory(  # and one ending within 8 weeks
        aanbieder=opzet.aanbieder, client=opzet.client, einddatum=date(2026, 9, 30)
    )
    signalen.signalen_vastleggen(vandaag=VANDAAG)
    alle = list(selectors.signaal_list(user=opzet.aanbieder_user))
    assert len(alle) == 4  # the ending one has no start either
    assert len(signalen.signalen_voor(aanbieder=opzet.aanbieder, vandaag=VANDAAG)) == 4
    assert [s.uiterlijk for s in alle] == sorted(s.uiterlijk for s in alle)
