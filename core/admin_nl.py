"""The admin fully in Dutch: the labels of the third-party apps that Django cannot
translate. django-otp names its models in plain English strings and its app labels
become 'Otp_Static'; those names are replaced in the admin's app list
(`PortaalAdminSite`), not on the models (that would change their migrations). The
strings the apps do mark for translation (axes, simple_history, Django's newest
admin strings) are translated in locale/nl/LC_MESSAGES/django.po."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

APPS = {
    "axes": "Inlogpogingen",
    "otp_static": "Herstelcodes",
    "otp_totp": "Tweestapsverificatie",
}

# object_name -> the admin's name of the model list
MODELLEN = {
    "StaticDevice": "Herstelcodesets",
    "StaticToken": "Herstelcodes",
    "TOTPDevice": "Authenticator-apps",
}

ZOEKHULP = "Zoek op de gebruikersnaam of het e-mailadres van de gebruiker."


class PortaalAdminSite(admin.AdminSite):
    """The admin with Dutch names for the third-party apps and models."""

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        for app in [app_dict] if label else app_dict.values():
            if not app:
                continue
            app["name"] = APPS.get(app["app_label"], app["name"])
            for model in app["models"]:
                model["name"] = MODELLEN.get(model["object_name"], model["name"])
        return app_dict


class PortaalAdminConfig(AdminConfig):
    default_site = "core.admin_nl.PortaalAdminSite"


def admin_vertalen() -> None:
    """App names (the admin's breadcrumbs and headings) and search help in Dutch;
    called from CoreConfig.ready(), after the admin registered every model."""
    for label, naam in APPS.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = naam
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in APPS and model_admin.search_fields:
            model_admin.search_help_text = ZOEKHULP  # type: ignore[misc]
