"""Authentication of machine clients by their API key (header `Authorization: Api-Key <key>`)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from core.machinesleutels import machinesleutel_gebruikt
from core.models import MachineSleutel

SCHEME = "Api-Key"


class MachineSleutelAuthentication(authentication.BaseAuthentication):
    """The request acts as the key's technical user: its party, its role."""

    def authenticate(self, request):
        kop = authentication.get_authorization_header(request).decode("latin-1")
        soort, _, key = kop.partition(" ")
        if soort != SCHEME:
            return None  # not for us: another class may authenticate
        key = key.strip()
        try:
            sleutel = MachineSleutel.objects.get_from_key(key)
        except MachineSleutel.DoesNotExist:
            raise exceptions.AuthenticationFailed(
                "Deze API-sleutel is onbekend of ingetrokken."
            ) from None
        if sleutel.has_expired or not sleutel.gebruiker.is_active:
            raise exceptions.AuthenticationFailed("Deze API-sleutel is verlopen.")
        machinesleutel_gebruikt(sleutel=sleutel)
        return sleutel.gebruiker, sleutel

    def authenticate_header(self, request) -> str:
        return SCHEME


class MachineSleutelScheme(OpenApiAuthenticationExtension):
    target_class = MachineSleutelAuthentication
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Een API-sleutel van een machinekoppeling, als "
            "`Authorization: Api-Key <sleutel>`. Een beheerder geeft hem uit in "
            "/beheer/; hij wordt één keer getoond.",
        }
