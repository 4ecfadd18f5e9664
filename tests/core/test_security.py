import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.factories import gemeente_user

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_with_production_settings_reports_nothing():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="portaal.example.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_login_is_throttled_after_five_failures(client):
    user = gemeente_user(username="contractmanager")
    user.set_password("juist-wachtwoord-1")
    user.save()
    for _ in range(5):
        client.post("/inloggen/", {"username": "contractmanager", "password": "fout"})
    blocked = client.post(
        "/inloggen/", {"username": "contractmanager", "password": "juist-wachtwoord-1"}
    )
    assert blocked.status_code == 429
    assert "Tijdelijk geblokkeerd" in blocked.content.decode()


@pytest.mark.django_db
def test_login_succeeds_below_the_limit(client):
    user = gemeente_user(username="contractmanager")
    user.set_password("juist-wachtwoord-1")
    user.save()
    for _ in range(3):
        client.post("/inloggen/", {"username": "contractmanager", "password": "fout"})
    ok = client.post(
        "/inloggen/", {"username": "contractmanager", "password": "juist-wachtwoord-1"}
    )
    assert ok.status_code == 302


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_csrf_protection(client):
    response = client.get("/inloggen/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


@pytest.mark.django_db
def test_forms_refuse_a_post_without_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post("/inloggen/", {"username": "x", "password": "y"}).status_code == 403
    )
