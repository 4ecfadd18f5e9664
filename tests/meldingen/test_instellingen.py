"""EMAIL_URL configures SMTP; without it e-mail goes to the console. The beat
schedule names the sending tasks."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from meldingen import tasks

ROOT = Path(__file__).resolve().parents[2]
TOON = (
    "from django.conf import settings as s;"
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
)


def _instellingen(**extra) -> str:
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", **extra})
    uit = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", TOON],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return uit.stdout.strip().splitlines()[-1]


def test_without_email_url_mail_goes_to_the_console():
    backend = _instellingen().split()[0]
    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_email_url_configures_smtp():
    assert _instellingen(EMAIL_URL="smtp+tls://u:p@smtp.example.nl:587") == (
        "django.core.mail.backends.smtp.EmailBackend smtp.example.nl 587 True"
    )


def test_beat_sends_meldingen_at_once_and_the_daily_digest():
    taken = {regel["task"] for regel in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        tasks.direct_versturen.name,
        tasks.dagoverzicht_versturen.name,
    } <= taken
