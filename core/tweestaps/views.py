"""Login with an optional second step (TOTP code) and the page "Tweestapsverificatie".

The password step is Django's LoginView (django-axes throttles it as before). A user
with a confirmed device is not logged in by it: the user id waits in the session and
the code step logs in only after a valid code. Every refused code counts as a failed
login for django-axes too, on top of the device's own exponential back-off.

Instead of the app's code a recovery code (herstelcode, django-otp's StaticToken) is
accepted once; its StaticDevice throttles like the TOTP device. New recovery codes are
shown once, on the page "Herstelcodes", right after they are made (when TOTP is
confirmed and when the user asks for a new set with a valid code from the app).
"""

import re
import time
from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login as auth_login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django_otp import DEVICE_ID_SESSION_KEY, login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.tweestaps.services import (
    AANTAL_HERSTELCODES,
    HERSTELCODES_WAARSCHUWING,
    SESSIE_HERSTELCODES,
    SESSIE_WACHTEND,
    aantal_herstelcodes,
    bevestigd_apparaat,
    herstelcode_hash,
    herstelcodes_apparaat,
    herstelcodes_verwijderen,
    is_verplicht,
    nieuwe_herstelcodes,
    sessie_bijwerken,
)

# How long the code step waits after a correct password.
WACHTTIJD_SECONDEN = 5 * 60

FOUT_ONJUIST = "De code is onjuist of verlopen. Controleer de tijd op uw telefoon en probeer het opnieuw."
FOUT_HERSTELCODE = "De herstelcode is onjuist of al gebruikt."
FOUT_VORM = "Vul de zescijferige code uit de app of een herstelcode in."
FOUT_TE_VAAK = (
    "Te veel onjuiste codes achter elkaar. Wacht {seconden} seconden en probeer het "
    "dan opnieuw met een nieuwe code."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit de app",
        max_length=6,
        validators=[
            RegexValidator(r"^\d{6}$", "Vul de zescijferige code uit de app in.")
        ],
        error_messages={"required": "Vul de zescijferige code uit de app in."},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": r"\d{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


# StaticToken.random_token(): 8 characters of lower-case base32.
HERSTELCODE = re.compile(r"^[a-z2-7]{8}$")
TOTP_CODE = re.compile(r"^\d{6}$")


class InloggenCodeForm(forms.Form):
    """The code step of the login: a code from the app or a recovery code."""

    code = forms.CharField(
        label="Code uit de app of herstelcode",
        max_length=20,
        error_messages={"required": "Vul de zescijferige code uit de app in."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        # Spaces and dashes people type in a copied code do not matter, nor case.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()
        if not (TOTP_CODE.match(code) or HERSTELCODE.match(code)):
            raise ValidationError(FOUT_VORM)
        return code

    def is_herstelcode(self) -> bool:
        return bool(HERSTELCODE.match(self.cleaned_data["code"]))


def code_controleren(
    form, device, onjuist: str = FOUT_ONJUIST, token: str | None = None
) -> bool:
    """Verify the form's code (or `token` made of it) against `device`; on refusal
    the form gets a Dutch error."""
    toegestaan, info = device.verify_is_allowed()
    if not toegestaan:
        wachten = 1
        if info and info.get("locked_until"):
            wachten = max(
                1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1
            )
        form.add_error("code", FOUT_TE_VAAK.format(seconden=wachten))
        return False
    if device.verify_token(form.cleaned_data["code"] if token is None else token):
        return True
    form.add_error("code", onjuist)
    return False


def veilige_next(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


class InloggenView(LoginView):
    """Password step. Without a device this logs in as before; with one, on to the code."""

    template_name = "core/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if bevestigd_apparaat(user) is None:
            return super().form_valid(form)
        self.request.session[SESSIE_WACHTEND] = {
            "gebruiker": user.pk,
            "backend": user.backend,
            "sinds": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login-code")


class InloggenCodeView(FormView):
    """Code step of the login, for the user whose password was just accepted."""

    template_name = "core/login_code.html"
    form_class = InloggenCodeForm

    def dispatch(self, request, *args, **kwargs):
        wachtend = request.session.get(SESSIE_WACHTEND)
        if not wachtend or time.time() - wachtend["sinds"] > WACHTTIJD_SECONDEN:
            request.session.pop(SESSIE_WACHTEND, None)
            if wachtend:
                messages.error(
                    request, "De tijd voor de code is verstreken. Log opnieuw in."
                )
            return redirect("login")
        self.gebruiker = (
            get_user_model()
            .objects.filter(pk=wachtend["gebruiker"], is_active=True)
            .first()
        )
        self.device = self.gebruiker and bevestigd_apparaat(self.gebruiker)
        if self.device is None:
            request.session.pop(SESSIE_WACHTEND, None)
            return redirect("login")
        self.wachtend = wachtend
        self.credentials = {"username": self.gebruiker.get_username()}
        if AxesProxyHandler.is_locked(request, self.credentials):
            request.session.pop(SESSIE_WACHTEND, None)
            return get_lockout_response(request, None, self.credentials)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_herstelcode():
            device = herstelcodes_apparaat(self.gebruiker)
            if device is None:
                form.add_error("code", FOUT_HERSTELCODE)
                return self._geweigerd(form)
            # What is stored of a recovery code is its hash (core/tweestaps/services.py).
            token = herstelcode_hash(form.cleaned_data["code"])
            if not code_controleren(form, device, FOUT_HERSTELCODE, token=token):
                return self._geweigerd(form)
        else:
            device = self.device
            if not code_controleren(form, device):
                return self._geweigerd(form)
        self.gebruiker.otp_device = device  # django-otp stores it at login
        auth_login(self.request, self.gebruiker, backend=self.wachtend["backend"])
        if form.is_herstelcode():
            over = aantal_herstelcodes(self.gebruiker)
            messages.warning(
                self.request,
                f"U bent ingelogd met een herstelcode; die werkt nu niet meer. U hebt "
                f"nog {over} herstelcode{'' if over == 1 else 's'}. Nieuwe maakt u op "
                f"de pagina Tweestapsverificatie.",
            )
        return redirect(self.wachtend["next"] or settings.LOGIN_REDIRECT_URL)

    def _geweigerd(self, form):
        # Counts for django-axes like a wrong password; at the limit its middleware
        # answers with the lockout page.
        user_login_failed.send(
            sender=__name__, credentials=self.credentials, request=self.request
        )
        if getattr(self.request, "axes_locked_out", False):
            self.request.session.pop(SESSIE_WACHTEND, None)
        return self.form_invalid(form)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG data: URI for an <img> (CSP img-src allows data:)."""
    return segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=4, light="#fff"
    )


def geheim_in_tekst(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into the app by hand."""
    geheim = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


class TweestapsView(LoginRequiredMixin, FormView):
    """Switch two-factor login on (QR code + first code) or off (a code); a new set of
    recovery codes (a code as well)."""

    template_name = "core/tweestaps.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.device = bevestigd_apparaat(request.user)
        return super().dispatch(request, *args, **kwargs)

    def nieuw_apparaat(self) -> TOTPDevice:
        """The user's own unconfirmed device; the same key until it is confirmed."""
        device = (
            TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name="Authenticator-app", confirmed=False
            )
        return device

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            aan=self.device is not None,
            verplicht=is_verplicht(user),
            next=veilige_next(self.request, self.request.GET.get("next")) or "",
            aantal_herstelcodes=AANTAL_HERSTELCODES,
        )
        if self.device is None:
            nieuw = self.nieuw_apparaat()
            context.update(
                qr_code=qr_code_data_uri(nieuw), geheim=geheim_in_tekst(nieuw)
            )
        else:
            over = aantal_herstelcodes(user)
            context.update(
                apparaat=self.device,
                herstelcodes_over=over,
                herstelcodes_weinig=over <= HERSTELCODES_WAARSCHUWING,
            )
            context.setdefault("herstel_form", CodeForm(prefix="herstel"))
        return context

    def post(self, request, *args, **kwargs):
        if self.device is not None and request.POST.get("actie") == "herstelcodes":
            return self.herstelcodes_vernieuwen(
                CodeForm(request.POST, prefix="herstel")
            )
        return super().post(request, *args, **kwargs)

    def herstelcodes_vernieuwen(self, form):
        """A new set of recovery codes, after a valid code from the app."""
        if not (form.is_valid() and code_controleren(form, self.device)):
            return self.render_to_response(self.get_context_data(herstel_form=form))
        self.herstelcodes_tonen(nieuwe_herstelcodes(self.request.user))
        messages.success(
            self.request,
            "Er zijn nieuwe herstelcodes gemaakt; de oude werken niet meer.",
        )
        return redirect("tweestaps:herstelcodes")

    def herstelcodes_tonen(self, codes: list[str], next_url: str | None = None):
        """Keep new codes in the session for the one page that shows them."""
        self.request.session[SESSIE_HERSTELCODES] = {
            "codes": codes,
            "next": next_url or "",
        }

    def form_valid(self, form):
        if self.device is None:
            return self.aanzetten(form)
        return self.uitzetten(form)

    def aanzetten(self, form):
        nieuw = self.nieuw_apparaat()
        if not code_controleren(form, nieuw):
            return self.form_invalid(form)
        nieuw.confirmed = True
        nieuw.save(update_fields=["confirmed"])
        # Other unconfirmed leftovers of this user go.
        TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False).delete()
        otp_login(self.request, nieuw)
        sessie_bijwerken(self.request, heeft=True)
        self.herstelcodes_tonen(
            nieuwe_herstelcodes(self.request.user),
            veilige_next(self.request, self.request.POST.get("next")),
        )
        messages.success(
            self.request,
            "Tweestapsverificatie staat aan. Bij het inloggen vragen we voortaan een code.",
        )
        return redirect("tweestaps:herstelcodes")

    def uitzetten(self, form):
        if is_verplicht(self.request.user):
            form.add_error(
                None, "Voor gemeentemedewerkers is tweestapsverificatie verplicht."
            )
            return self.form_invalid(form)
        if not code_controleren(form, self.device):
            return self.form_invalid(form)
        TOTPDevice.objects.devices_for_user(self.request.user).delete()
        herstelcodes_verwijderen(self.request.user)
        self.request.session.pop(DEVICE_ID_SESSION_KEY, None)
        self.request.session.pop(SESSIE_HERSTELCODES, None)
        sessie_bijwerken(self.request, heeft=False)
        messages.success(self.request, "Tweestapsverificatie staat uit.")
        return redirect("tweestaps:instellen")


@method_decorator(never_cache, name="dispatch")
class HerstelcodesView(LoginRequiredMixin, TemplateView):
    """Shows new recovery codes once; afterwards only their number is ever shown."""

    template_name = "core/herstelcodes.html"

    def get(self, request, *args, **kwargs):
        nieuw = request.session.pop(SESSIE_HERSTELCODES, None)
        if not nieuw or bevestigd_apparaat(request.user) is None:
            return redirect("tweestaps:instellen")
        return self.render_to_response(
            self.get_context_data(
                codes=nieuw["codes"],
                aantal=AANTAL_HERSTELCODES,
                verder=veilige_next(request, nieuw["next"])
                or reverse("tweestaps:instellen"),
            )
        )


def naar_inloggen(request):
    """The admin's own login form skips the code step: send it to ours."""
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('login')}?{query}")
