"""What a user does on the declaraties screens, through the test client."""

from datetime import date

from declaraties.models import Declaratie

AUGUSTUS = date(2026, 8, 1)


def declaratie_maken(client, maand=AUGUSTUS) -> Declaratie:
    """The aanbieder of `client` makes the declaratie of `maand` on the screen."""
    response = client.post("/declaraties/nieuw/", {"maand": maand.isoformat()})
    assert response.status_code == 302, response.content.decode()
    return Declaratie.objects.filter(aanbieder=client.user.aanbieder).latest("id")


def actie_posten(client, url, actie, **velden):
    """Press the button `actie` of the form at `url`."""
    return client.post(url, {"actie": actie, **velden}, follow=True)


def regel_url(prestatie) -> str:
    """The page of one declaratie line."""
    return f"/declaraties/regels/{prestatie.pk}/"


def volume_zetten(client, prestatie, actie: str, volume: int):
    """Change or correct the volume of an August line."""
    return actie_posten(
        client,
        regel_url(prestatie),
        actie,
        geleverd_volume=volume,
        begindatum="2026-08-01",
        einddatum="2026-08-31",
    )


def declaratie_versturen(client, volume: int | None = None) -> Declaratie:
    """Make and send the August declaratie; `volume` first changes its one line."""
    declaratie = declaratie_maken(client)
    if volume is not None:
        regel = declaratie.prestaties.get()
        volume_zetten(client, regel, "wijzigen", volume)
    # A line over its omvang: the proefdeclaratie predicts 9321, so confirm.
    actie_posten(client, f"/declaraties/{declaratie.pk}/", "indienen", bevestigd="1")
    declaratie.refresh_from_db()
    return declaratie
