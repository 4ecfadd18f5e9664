from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

import pytest

from core.models import BsnInzage
from core.privacy import GeenOpslagMiddleware, bsn_inzage_loggen, mask_bsn
from tests.berichten.factories import BerichtFactory
from tests.core.factories import gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.toewijzingen.factories import (
    ClientFactory,
    ToewijzingFactory,
    VerzoekFactory,
)


def test_bsn_is_masked_to_its_last_four_digits():
    assert mask_bsn("123456782") == "*****6782"
    assert mask_bsn("") == ""


@pytest.mark.django_db
def test_full_bsn_view_is_logged_and_visible_to_beheerder(beheerder_client):
    user = gemeente_user()
    bsn_inzage_loggen(user=user, bsn="123456782", waar="/toewijzingen/clienten/1/")
    inzage = BsnInzage.objects.get()
    assert (inzage.gebruiker, inzage.bsn) == (user, "123456782")
    lijst = beheerder_client.get("/beheer/core/bsninzage/").content.decode()
    assert "*****6782" in lijst and "123456782" not in lijst
    assert user.username in lijst
    pad = f"/beheer/core/bsninzage/{inzage.pk}/change/"
    assert "123456782" in beheerder_client.get(pad).content.decode()
    assert BsnInzage.objects.filter(gebruiker=beheerder_client.user, waar=pad).exists()


@pytest.mark.django_db
def test_several_bsns_are_logged_once_each():
    user = gemeente_user()
    bsn_inzage_loggen(
        user=user, bsn=["123456782", "", "999990019", "123456782"], waar="/x/"
    )
    assert sorted(BsnInzage.objects.values_list("bsn", flat=True)) == [
        "123456782",
        "999990019",
    ]


def _gelogd(client, pad) -> set[str]:
    return set(
        BsnInzage.objects.filter(gebruiker=client.user, waar=pad).values_list(
            "bsn", flat=True
        )
    )


@pytest.mark.django_db
def test_admin_client_list_masks_and_change_page_logs_the_bsn(beheerder_client):
    client = ClientFactory(bsn="123456782")
    lijst = beheerder_client.get("/beheer/toewijzingen/client/").content.decode()
    assert "*****6782" in lijst and "123456782" not in lijst
    assert not BsnInzage.objects.exists()
    pad = f"/beheer/toewijzingen/client/{client.pk}/change/"
    assert "123456782" in beheerder_client.get(pad).content.decode()
    assert _gelogd(beheerder_client, pad) == {"123456782"}


@pytest.mark.django_db
def test_admin_lists_showing_a_client_mask_its_bsn(beheerder_client):
    toewijzing = ToewijzingFactory(client=ClientFactory(bsn="123456782"))
    VerzoekFactory(client=toewijzing.client)
    for lijst in ("toewijzing", "verzoek"):
        pagina = beheerder_client.get(f"/beheer/toewijzingen/{lijst}/")
        tekst = pagina.content.decode()
        assert "*****6782" in tekst and "123456782" not in tekst, lijst
    pad = f"/beheer/toewijzingen/toewijzing/{toewijzing.pk}/change/"
    assert "123456782" not in beheerder_client.get(pad).content.decode()


@pytest.mark.django_db
def test_admin_declaratie_and_prestatie_pages_log_the_bsns_of_the_lines(
    beheerder_client,
):
    prestatie = PrestatieFactory(
        t=ToewijzingFactory(client=ClientFactory(bsn="123456782"))
    )
    lijst = beheerder_client.get("/beheer/declaraties/prestatie/").content.decode()
    assert "123456782" not in lijst
    for pad in (
        f"/beheer/declaraties/declaratie/{prestatie.declaratie.pk}/change/",
        f"/beheer/declaraties/prestatie/{prestatie.pk}/change/",
    ):
        assert "123456782" in beheerder_client.get(pad).content.decode()
        assert _gelogd(beheerder_client, pad) == {"123456782"}


@pytest.mark.django_db
def test_admin_bericht_page_logs_the_bsn_and_list_does_not(beheerder_client):
    bericht = BerichtFactory(bsn="999990019")
    lijst = beheerder_client.get("/beheer/berichten/bericht/").content.decode()
    assert "999990019" not in lijst
    pad = f"/beheer/berichten/bericht/{bericht.pk}/change/"
    assert beheerder_client.get(pad).status_code == 200
    assert _gelogd(beheerder_client, pad) == {"999990019"}


@pytest.mark.django_db
def test_bsn_log_is_not_editable_in_the_admin(beheerder_client):
    assert beheerder_client.get("/beheer/core/bsninzage/add/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad", ["/", "/toewijzingen/clienten/", "/berichten/", "/api/clienten/"]
)
def test_pages_and_api_for_a_logged_in_user_are_not_stored(gemeente_client, pad):
    response = gemeente_client.get(pad)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_responses_to_anonymous_users_are_not_forced_to_no_store(rf):
    """Static files and pages without login keep their own caching."""
    request = rf.get("/static/portaal.css")
    request.user = AnonymousUser()
    response = GeenOpslagMiddleware(lambda r: HttpResponse("body {}"))(request)
    assert not response.has_header("Cache-Control")


@pytest.mark.django_db
def test_a_page_without_login_keeps_its_caching(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_openapi_schema_and_docs_only_for_logged_in_users(client, gemeente_client):
    anoniem = client.__class__()
    assert anoniem.get("/api/schema/").status_code == 403
    docs = anoniem.get("/api/docs/")
    assert docs.status_code == 302 and docs.url.startswith("/inloggen/")
    assert gemeente_client.get("/api/schema/").status_code == 200
    assert gemeente_client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_failed_logins_stay_logged_after_a_later_success(client):
    from axes.models import AccessFailureLog, AccessLog

    user = gemeente_user(username="contractmanager")
    user.set_password("juist-wachtwoord-1")
    user.save()
    for _ in range(2):
        client.post("/inloggen/", {"username": "contractmanager", "password": "fout"})
    ok = client.post(
        "/inloggen/", {"username": "contractmanager", "password": "juist-wachtwoord-1"}
    )
    assert ok.status_code == 302
    assert AccessFailureLog.objects.filter(username="contractmanager").count() == 2
    assert AccessLog.objects.filter(username="contractmanager").count() == 1
