from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

import pytest

from core.models import BsnInzage
from core.privacy import GeenOpslagMiddleware, bsn_inzage_loggen, mask_bsn
from tests.factories import gemeente_user


def test_bsn_is_masked_to_its_last_four_digits():
    assert mask_bsn("123456782") == "*****6782"
    assert mask_bsn("") == ""


@pytest.mark.django_db
def test_full_bsn_view_is_logged_and_visible_to_beheerder(beheerder_client):
    user = gemeente_user()
    bsn_inzage_loggen(user=user, bsn="123456782", waar="/toewijzingen/clienten/1/")
    inzage = BsnInzage.objects.get()
    assert (inzage.gebruiker, inzage.bsn) == (user, "123456782")
    page = beheerder_client.get("/beheer/core/bsninzage/").content.decode()
    assert "123456782" in page and user.username in page


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
