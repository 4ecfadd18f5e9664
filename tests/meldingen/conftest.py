import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests.meldingen.factories import werk


@pytest.fixture
def opzet(gemeente, aanbieder):
    return werk(gemeente, aanbieder)


class Postvak:
    """What the SMTP server received: (recipients, parsed message) per e-mail."""

    def __init__(self):
        self.ontvangen = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        bericht = message_from_bytes(envelope.content, policy=policy.default)
        self.ontvangen.append((list(envelope.rcpt_tos), bericht))
        return "250 Message accepted for delivery"

    def aan(self, adres: str) -> list:
        return [
            bericht for ontvangers, bericht in self.ontvangen if adres in ontvangers
        ]


def _vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django sends to it over SMTP."""
    postvak = Postvak()
    poort = _vrije_poort()
    controller = Controller(postvak, hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", poort
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.PORTAAL_URL = "https://portaal.example.nl"
    yield postvak
    controller.stop()
