"""TR135 and IV034 through the inbound pipeline: the sender gets a retour with the code."""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from berichten import services
from berichten.constants import VAN_GEMEENTE, BerichtStatus
from berichten.kanaal import Partij
from berichten.xml import codec
from stamgegevens.models import Aanbieder, Gemeente
from tests.berichten.factories import sample_partijen
from tests.berichten.regels_helpers import schoon
from tests.stamgegevens.factories import ContractFactory

pytestmark = pytest.mark.django_db

HEEN = ["WMO301", "WMO305", "WMO307", "WMO315", "WMO317", "WMO319"]


def ontvang(message):
    gemeente, aanbieder = Gemeente.objects.get(), Aanbieder.objects.get()
    van_gemeente = message.BERICHT in VAN_GEMEENTE
    return services.bericht_ontvangen(
        inhoud=codec.encode(message),
        kanaal="upload",
        namens=Partij(gemeente=gemeente)
        if van_gemeente
        else Partij(aanbieder=aanbieder),
        bestandsnaam="x.xml",
    )


@pytest.fixture(autouse=True)
def partijen(db):
    gemeente, aanbieder = sample_partijen()
    ContractFactory(gemeente=gemeente, aanbieder=aanbieder)  # 315/317 need one


@pytest.mark.parametrize("bericht", HEEN)
def test_tr135_future_dagtekening_gets_a_retour_with_8848(bericht):
    m = schoon(bericht)
    dag = m.header.bericht_identificatie.dagtekening
    with freeze_time(dag - timedelta(days=1)):
        ontvangen = ontvang(m)
    assert ontvangen.status == BerichtStatus.AFGEKEURD
    assert [(b["regel"], b["retourcode"]) for b in ontvangen.bevindingen] == [
        ("TR135", "8848")
    ]
    retour = codec.decode(ontvangen.retourberichten.get().xml)
    assert retour.header.retourcodes == ["8848"]


@pytest.mark.parametrize("bericht", HEEN)
def test_tr135_dagtekening_of_today_passes(bericht):
    m = schoon(bericht)
    with freeze_time(m.header.bericht_identificatie.dagtekening):
        ontvangen = ontvang(m)
    assert "TR135" not in {b["regel"] for b in ontvangen.bevindingen}


def test_tr135_a_325_from_the_future_is_not_processed():
    m = schoon("WMO325")
    with freeze_time(m.header.bericht_identificatie.dagtekening - timedelta(days=1)):
        ontvangen = ontvang(m)
    assert ontvangen.status == BerichtStatus.AFGEKEURD
    assert [b["regel"] for b in ontvangen.bevindingen] == ["TR135"]
    assert not ontvangen.retourberichten.exists()  # no retour exists for a 325


def test_iv034_other_xsd_versie_gets_a_retour_with_0001():
    m = schoon("WMO305")
    m.header.xsd_versie.bericht_xsd_versie = "1.0.2"
    with freeze_time(m.header.bericht_identificatie.dagtekening):
        ontvangen = ontvang(m)
    assert [b["regel"] for b in ontvangen.bevindingen] == ["IV034"]
    retour = codec.decode(ontvangen.retourberichten.get().xml)
    assert retour.header.retourcodes == ["0001"]
