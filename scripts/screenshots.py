#!/usr/bin/env python
"""Screenshots of the start page of each role in each theme (docs/screenshots/*.png).

Usage (from the project folder, with the database of DATABASE_URL or the SQLite default):

    .venv/bin/python scripts/screenshots.py [--thema neutraal waterdam] [--uit docs/screenshots]

It loads the demo data (idempotent), then for each theme starts the development server
with PORTAAL_THEMA=<thema> and has headless Chromium (Playwright, /usr/bin/chromium) log
in as the demo users gemeente, aanbieder and beheerder. Per role and theme it writes
start-<rol>-<thema>.png at 1280 px and start-<rol>-<thema>-375.png at 375 px wide.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLLEN = ("gemeente", "aanbieder", "beheerder")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _wacht_op(poort: int, seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The development server did not start on port {poort}.")


def _foto(browser, basis: str, rol: str, pad: Path, breedte: int) -> None:
    from demo.stamgegevens import DEMO_WACHTWOORD

    context = browser.new_context(
        locale="nl-NL", viewport={"width": breedte, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{basis}/inloggen/")
    page.fill("#id_username", rol)
    page.fill("#id_password", DEMO_WACHTWOORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(pad), full_page=True)
    context.close()
    print(pad)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thema", nargs="+", default=["neutraal", "waterdam"])
    parser.add_argument("--uit", default="docs/screenshots")
    parser.add_argument("--geen-demo", action="store_true", help="skip demo_data")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    os.environ.update(env)
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    if not args.geen_demo:
        _manage("migrate", "--noinput", env=env)
        _manage("demo_data", env=env)
    uit = ROOT / args.uit
    uit.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for thema in args.thema:
            poort = _vrije_poort()
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", str(poort)],
                cwd=ROOT,
                env={**env, "PORTAAL_THEMA": thema},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                _wacht_op(poort)
                basis = f"http://127.0.0.1:{poort}"
                for rol in ROLLEN:
                    _foto(browser, basis, rol, uit / f"start-{rol}-{thema}.png", 1280)
                    _foto(
                        browser, basis, rol, uit / f"start-{rol}-{thema}-375.png", 375
                    )
            finally:
                server.terminate()
                server.wait(timeout=10)
        browser.close()


if __name__ == "__main__":
    main()
