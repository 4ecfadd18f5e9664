import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_refuse_to_start_without_secret_key_or_allowed_hosts():
    missing_key = _check({"DJANGO_ALLOWED_HOSTS": "portaal.example.nl"})
    assert (
        missing_key.returncode != 0
        and "DJANGO_SECRET_KEY must be set" in missing_key.stderr
    )
    missing_hosts = _check({"DJANGO_SECRET_KEY": "x" * 50})
    assert (
        missing_hosts.returncode != 0
        and "DJANGO_ALLOWED_HOSTS must be set" in missing_hosts.stderr
    )


def test_production_settings_start_with_both():
    ok = _check(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "portaal.example.nl"}
    )
    assert ok.returncode == 0, ok.stderr


def test_embedded_default_is_sqlite_with_eager_celery():
    from django.conf import settings

    if "DATABASE_URL" not in os.environ:
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.CELERY_TASK_ALWAYS_EAGER
