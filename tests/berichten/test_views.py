"""The message log screens: list, detail, download, upload and retry."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from berichten import selectors
from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from core.models import Taak
from tests.berichten.factories import BerichtFactory, sample, sample_partijen
from tests.berichten.kanaal_helpers import ontvang_van_afzender
from tests.core.factories import aanbieder_user, beheerder_user, gemeente_user
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("berichten:bericht-list")


@pytest.fixture
def partijen():
    return sample_partijen()


@pytest.fixture
def retour_302(partijen):
    """A received 302 (retour on the 301) with retourcode 0200 in its header."""
    return ontvang_van_afzender(sample("WMO302"), kanaal=Kanaal.UPLOAD)


def _login(client, user):
    client.force_login(user)
    return client


def test_list_masks_the_bsn_and_detail_shows_it_in_full(client, partijen, retour_302):
    gemeente, _ = partijen
    _login(client, gemeente_user(gemeente))
    lijst = client.get(LIST_URL).content.decode()
    assert "*****0019" in lijst
    assert "999990019" not in lijst
    assert "Inkomend" in lijst  # a 302 is sent by the aanbieder
    detail = client.get(retour_302.get_absolute_url()).content.decode()
    assert "999990019" in detail


def test_detail_shows_readable_content_beside_the_raw_xml(client, partijen, retour_302):
    _, aanbieder = partijen
    _login(client, aanbieder_user(aanbieder))
    response = client.get(retour_302.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<pre class="xml" tabindex="0"' in html  # reachable by keyboard
    assert "&lt;wmo302:Bericht" in html  # escaped raw XML
    assert "Toewijzingnummer" in html  # ToewijzingNummer as a Dutch label
    assert "02 – " in html  # product category with its codelist text
    tekst = selectors.retourcode_tekst("0200")
    assert tekst != "0200"
    assert f"<td>0200</td><td>{tekst}</td>" in html  # header retourcodes with text
    heen = retour_302.heenbericht
    assert heen is None or heen.get_absolute_url() in html


def test_detail_lists_findings_with_retourcode_text_and_links_the_retour(client):
    heen = BerichtFactory(
        status=BerichtStatus.AFGEKEURD,
        bevindingen=[
            {
                "niveau": 3,
                "regel": "TR056",
                "retourcode": "9056",
                "pad": "/Bericht/Header",
                "tekst": "Identificatie is niet uniek.",
            }
        ],
    )
    retour = BerichtFactory(
        gemeente=heen.gemeente,
        aanbieder=heen.aanbieder,
        bericht_type="WMO302",
        heenbericht=heen,
    )
    _login(client, gemeente_user(heen.gemeente))
    html = client.get(heen.get_absolute_url()).content.decode()
    assert "TR056" in html
    assert selectors.retourcode_tekst("9056") in html
    assert retour.get_absolute_url() in html
    assert (
        heen.get_absolute_url()
        in client.get(retour.get_absolute_url()).content.decode()
    )


def test_download_is_an_xml_attachment(client, partijen, retour_302):
    gemeente, _ = partijen
    _login(client, gemeente_user(gemeente))
    response = client.get(reverse("berichten:bericht-download", args=[retour_302.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == (
        'attachment; filename="WMO302_73730012_R2026-0042.xml"'
    )
    assert response.content == sample("WMO302")


def test_another_party_gets_404_on_detail_download_and_retry(client):
    bericht = BerichtFactory(status=BerichtStatus.FOUT)
    for user in (gemeente_user(), aanbieder_user()):
        _login(client, user)
        for name in ("bericht-detail", "bericht-download"):
            url = reverse(f"berichten:{name}", args=[bericht.pk])
            assert client.get(url).status_code == 404
        url = reverse("berichten:bericht-opnieuw", args=[bericht.pk])
        assert client.post(url).status_code == 404
    assert Bericht.objects.get(pk=bericht.pk).pogingen == 0


def test_retry_by_the_receiving_aanbieder_processes_the_message_again(client, partijen):
    gemeente, aanbieder = partijen
    bericht = BerichtFactory(
        gemeente=gemeente,
        aanbieder=aanbieder,
        status=BerichtStatus.FOUT,
        inhoud=sample("WMO302"),
    )
    _login(client, gemeente_user(gemeente))  # the gemeente may always retry
    response = client.post(reverse("berichten:bericht-opnieuw", args=[bericht.pk]))
    taak = Taak.objects.get()  # queued as a job, not run inside the request
    assert response.status_code == 302 and response.url == taak.get_absolute_url()
    bericht.refresh_from_db()
    assert bericht.pogingen == 1
    assert bericht.status != BerichtStatus.FOUT


def test_retry_is_for_failed_messages_and_their_recipient_only(client):
    verstuurd = BerichtFactory(bericht_type="WMO305", status=BerichtStatus.FOUT)
    _login(client, aanbieder_user(verstuurd.aanbieder))  # the sender of the 305
    url = reverse("berichten:bericht-opnieuw", args=[verstuurd.pk])
    assert client.post(url).status_code == 403
    assert (
        "Opnieuw verwerken"
        not in client.get(verstuurd.get_absolute_url()).content.decode()
    )

    ontvangen = BerichtFactory(aanbieder=verstuurd.aanbieder, status=BerichtStatus.FOUT)
    assert (
        "Opnieuw verwerken" in client.get(ontvangen.get_absolute_url()).content.decode()
    )
    verwerkt = BerichtFactory(aanbieder=verstuurd.aanbieder)
    url = reverse("berichten:bericht-opnieuw", args=[verwerkt.pk])
    assert client.post(url).status_code == 403


def test_list_filters(client):
    gemeente = GemeenteFactory()
    aanbieder_a, aanbieder_b = AanbiederFactory(), AanbiederFactory()
    toewijzing = BerichtFactory(
        gemeente=gemeente, aanbieder=aanbieder_a, bsn="999990019"
    )
    start = BerichtFactory(
        gemeente=gemeente,
        aanbieder=aanbieder_b,
        bericht_type="WMO305",
        status=BerichtStatus.FOUT,
        bsn="999990020",
    )
    BerichtFactory()  # another gemeente's: never listed
    Bericht.objects.filter(pk=start.pk).update(aangemaakt_op="2026-01-15T10:00:00Z")
    _login(client, gemeente_user(gemeente))

    def ids(query: str) -> set[int]:
        response = client.get(f"{LIST_URL}?{query}")
        assert response.status_code == 200
        return {b.pk for b in response.context["object_list"]}

    assert ids("") == {toewijzing.pk, start.pk}
    assert ids("bericht_type=WMO305") == {start.pk}
    assert ids("status=fout") == {start.pk}
    assert ids("richting=uit") == {toewijzing.pk}
    assert ids("richting=in") == {start.pk}
    # A BSN is searched by POST (core/zoeken.py); in the URL it is ignored.
    assert ids("bsn=999990019") == {toewijzing.pk, start.pk}
    gezocht = client.post(LIST_URL, {"bsn": "999990019", "status": ""})
    assert "999990019" not in gezocht.url and "zoekopdracht=" in gezocht.url
    assert ids(gezocht.url.split("?", 1)[1]) == {toewijzing.pk}
    assert ids(f"aanbieder={aanbieder_b.pk}") == {start.pk}
    assert ids(f"gemeente={gemeente.pk}") == {toewijzing.pk, start.pk}
    assert ids("van=2026-01-01&tot=2026-01-31") == {start.pk}


def test_list_runs_a_constant_number_of_queries(client):
    gemeente = GemeenteFactory()
    _login(client, gemeente_user(gemeente))

    def queries(aantal: int) -> int:
        Bericht.objects.all().delete()
        BerichtFactory.create_batch(aantal, gemeente=gemeente)
        with CaptureQueriesContext(connection) as context:
            assert client.get(LIST_URL).status_code == 200
        return len(context)

    assert queries(2) == queries(20)


def test_upload_of_several_files_stores_and_processes_each(client, partijen):
    _, aanbieder = partijen
    user = aanbieder_user(aanbieder)
    _login(client, user)
    assert client.get(reverse("berichten:bericht-upload")).status_code == 200
    response = client.post(
        reverse("berichten:bericht-upload"),
        {
            "bestanden": [
                SimpleUploadedFile("retour.xml", sample("WMO302"), "text/xml"),
                SimpleUploadedFile("kapot.xml", b"<geen xml", "text/xml"),
            ]
        },
        follow=True,
    )
    assert response.status_code == 200
    # Processed by a background job (eager here); its page lists each file's outcome.
    meldingen = [r["tekst"] for r in response.context["taak"].resultaat["regels"]]
    assert any(m.startswith("retour.xml: WMO302") for m in meldingen)
    assert any(m.startswith("kapot.xml:") and "XML" in m for m in meldingen)
    opgeslagen = Bericht.objects.filter(kanaal=Kanaal.UPLOAD, aangemaakt_door=user)
    assert sorted(opgeslagen.values_list("bestandsnaam", flat=True)) == [
        "kapot.xml",
        "retour.xml",
    ]
    assert opgeslagen.get(bestandsnaam="kapot.xml").status == BerichtStatus.AFGEKEURD


def test_upload_of_a_message_between_other_parties_is_refused(client, partijen):
    user = gemeente_user(GemeenteFactory(code="0059"))
    _login(client, user)
    response = client.post(
        reverse("berichten:bericht-upload"),
        {"bestanden": [SimpleUploadedFile("vreemd.xml", sample("WMO302"))]},
        follow=True,
    )
    meldingen = [str(m) for m in response.context["messages"]]
    assert meldingen and "vreemd.xml is geweigerd" in meldingen[0]
    # Kept as the uploader's refused file; the job's page links to it.
    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.GEWEIGERD
    assert (bericht.gemeente, bericht.aanbieder) == (user.gemeente, None)
    regel = response.context["taak"].resultaat["regels"][0]
    assert regel["fout"] and "Geweigerd" in regel["tekst"]
    assert client.get(regel["url"]).status_code == 200
    _login(client, aanbieder_user(partijen[1]))  # the party named in the XML
    assert client.get(regel["url"]).status_code == 404


def test_beheerder_uploads_on_behalf_of_a_chosen_party_and_it_is_recorded(
    client, partijen, caplog
):
    beheerder = beheerder_user(username="beheer1")
    _login(client, beheerder)
    upload = reverse("berichten:bericht-upload")
    assert "aanbieder:73730012" in client.get(upload).content.decode()
    zonder = client.post(
        upload, {"bestanden": [SimpleUploadedFile("r.xml", sample("WMO302"))]}
    )
    assert zonder.status_code == 200 and "namens" in zonder.context["form"].errors
    assert not Bericht.objects.exists()
    with caplog.at_level("INFO", logger="berichten.services"):
        client.post(
            upload,
            {
                "bestanden": [SimpleUploadedFile("r.xml", sample("WMO302"))],
                "namens": "aanbieder:73730012",
            },
        )
    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.VERWERKT
    assert (bericht.aangemaakt_door, bericht.ingestuurd_namens) == (
        beheerder,
        "aanbieder:73730012",
    )
    assert "beheer1" in caplog.text and "namens aanbieder:73730012" in caplog.text


def test_navigation_links_to_the_message_log(client):
    _login(client, aanbieder_user())
    assert LIST_URL in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize(
    ("ouder", "element", "tekst", "verwacht"),
    [
        ("Omvang", "Eenheid", "04", "04 – Uur"),
        ("ToegewezenProduct", "Budget", "120000", "€ 1.200,00"),
        ("Client", "Geboortedatum", "1948-05-17", "17-05-1948"),
        ("Relatie", "Soort", "05", None),
        ("Client", "Commentaar", "vrije tekst", "vrije tekst"),
    ],
)
def test_values_are_shown_with_codelist_texts_euros_and_dates(
    ouder, element, tekst, verwacht
):
    waarde = selectors.waarde(ouder, element, tekst)
    if verwacht is None:
        assert waarde.startswith("05 – ")
    else:
        assert waarde == verwacht


def test_labels_and_rows_of_a_message():
    assert selectors.label("ToewijzingNummer") == "Toewijzingnummer"
    assert selectors.label("Bsn") == "BSN"
    regels = selectors.regels(sample("WMO301"))
    assert regels[0].is_groep and regels[0].label == "Header"
    bsn = next(r for r in regels if r.label == "BSN")
    assert bsn.waarde == "999990019" and bsn.diepte == 1
    assert selectors.regels(b"<kapot") == []


def test_admin_shows_messages_read_only(beheerder_client):
    bericht = BerichtFactory()
    assert beheerder_client.get("/beheer/berichten/bericht/").status_code == 200
    detail = beheerder_client.get(f"/beheer/berichten/bericht/{bericht.pk}/change/")
    assert detail.status_code == 200
    assert "&lt;Bericht/&gt;" in detail.content.decode()
    assert beheerder_client.get("/beheer/berichten/bericht/add/").status_code == 403
