import pytest

from core.models import BsnInzage
from core.privacy import bsn_inzage_loggen, mask_bsn
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
