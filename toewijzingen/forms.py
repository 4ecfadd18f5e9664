"""Input forms of the toewijzingen screens. They check the shape of the input;
the services (toewijzingen.services) decide and refuse with a Dutch reason."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from stdnum.nl import postcode as stdnum_postcode

from core import codelijsten
from stamgegevens.constants import ProductStatus, Uitvoeringsvariant
from stamgegevens.models import ContractProduct, Gemeente, Product
from toewijzingen import regels
from toewijzingen.constants import (
    EENHEID_CHOICES,
    FREQUENTIE_CHOICES,
    GESLACHT_CHOICES,
    REDEN_AFWIJZING_CHOICES,
    REDEN_BEEINDIGING_CHOICES,
    REDEN_VERZOEK_CHOICES,
    REDEN_WIJZIGING_CHOICES,
    Prijsvorm,
    RedenWijziging,
    SignaalSoort,
    SignaalStatus,
    StatusAanlevering,
)
from toewijzingen.models import Client, Toewijzing
from toewijzingen.services import (
    CLIENT_VELDEN,
    TOEWIJZING_VELDEN,
    ToewijzingGegevens,
)

LEEG = [("", "---------")]
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STATUS_AANLEVERING_CHOICES = [
    (StatusAanlevering.EERSTE, "1 – Eerste aanlevering"),
    (StatusAanlevering.VERWIJDEREN, "3 – Verwijderen (een eerdere melding intrekken)"),
]


def datum(label: str, *, required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATUM, **kwargs)


def keuze(label: str, choices, *, required: bool = True, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=LEEG + list(choices) if not required else list(choices),
        required=required,
        **kwargs,
    )


class OmvangForm(forms.Form):
    """Volume + eenheid + frequentie, or a budget (R-T4)."""

    volume = forms.IntegerField(label="Volume", required=False, min_value=1)
    eenheid = keuze("Eenheid", EENHEID_CHOICES, required=False)
    frequentie = keuze("Frequentie", FREQUENTIE_CHOICES, required=False)
    budget = forms.IntegerField(label="Budget (eurocent)", required=False, min_value=1)

    def omvang(self) -> dict:
        data = self.cleaned_data
        return {
            "volume": data.get("volume"),
            "eenheid": data.get("eenheid") or "",
            "frequentie": data.get("frequentie") or "",
            "budget": data.get("budget"),
        }


# --- cliënt -------------------------------------------------------------------------


class ClientForm(forms.ModelForm):
    """The cliënt's data, checked as typed: a postcode in any spacing or case is
    normalised ("9231 ab" -> "9231AB"), never cut short by the input's length.
    With `contact_verplicht` (opened from a toewijzing or verzoek that needs it)
    an address or phone number is required (TR061)."""

    # Wider than the stored 6 characters, so "9231 AB" can be typed whole.
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        help_text="Bijvoorbeeld 9231 AB.",
    )

    class Meta:
        model = Client
        fields = ["bsn", *CLIENT_VELDEN]
        widgets = {"geboortedatum": DATUM}

    def __init__(self, *args, contact_verplicht: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_verplicht = contact_verplicht
        if self.instance.pk:
            del self.fields["bsn"]

    def clean_postcode(self) -> str:
        waarde = self.cleaned_data["postcode"].strip()
        if not waarde:
            return ""
        if not stdnum_postcode.is_valid(waarde):
            raise forms.ValidationError(
                "Dit is geen geldige Nederlandse postcode (vorm 1234 AB)."
            )
        return stdnum_postcode.compact(waarde)

    def clean(self):
        data = super().clean()
        huisnummer, postcode = data.get("huisnummer"), data.get("postcode")
        if huisnummer and not postcode and "postcode" not in self.errors:
            self.add_error("postcode", "Vul bij een huisnummer ook de postcode in.")
        if postcode and not huisnummer and "huisnummer" not in self.errors:
            self.add_error("huisnummer", "Vul bij een postcode ook het huisnummer in.")
        if self.contact_verplicht and not self.errors:
            overtreding = regels.tr061_contact(
                telefoon=data.get("telefoon") or "",
                huisnummer=huisnummer,
                postcode=postcode or "",
            )
            if overtreding:
                raise forms.ValidationError(
                    f"{overtreding.tekst} ({overtreding.regel})"
                )
        return data

    def velden(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in CLIENT_VELDEN}


# --- toewijzing (gemeente) ----------------------------------------------------------


def in_eenheid(product: Product) -> str:
    """'in minuten (eenheid 01)': the product table decides the eenheid (R-T4)."""
    tekst = codelijsten.omschrijving(codelijsten.EENHEID, product.eenheid).lower()
    return f"in {tekst} (eenheid {product.eenheid})"


class ContractProductKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContractProduct) -> str:
        overgang = (
            " · overgangsregeling: alleen voor cliënten die het al hadden"
            if obj.product.status == ProductStatus.OVERGANGSREGELING
            else ""
        )
        return (
            f"{obj.contract.aanbieder.naam} · {obj.product.code} "
            f"{obj.product.omschrijving} {in_eenheid(obj.product)} "
            f"(contract {obj.contract.nummer}){overgang}"
        )


def _eenheid_uit_product(omvang: dict, product: Product | None) -> dict:
    """R-T4: an omvang with a volume takes the product's eenheid; a budget none."""
    if product is None:
        return omvang
    eenheid = product.eenheid if omvang.get("volume") is not None else ""
    return omvang | {"eenheid": eenheid}


class ToewijzingForm(OmvangForm):
    """A new toewijzing: a product from a contract of the aanbieder (R-T1); the
    eenheid is the product's (R-T4), shown with the product, not chosen."""

    eenheid = None
    contractproduct = ContractProductKeuze(
        label="Aanbieder en product (uit een lopend contract)",
        queryset=None,
        help_text="De eenheid volgt uit het product; het volume is in die eenheid.",
    )
    ingangsdatum = datum("Ingangsdatum")
    einddatum = datum("Einddatum", required=False)
    prijsvorm = keuze(
        "Prijsvorm (hulpmiddelen, R-T4)", Prijsvorm.choices, required=False
    )
    bedrag = forms.IntegerField(
        label="Bedrag bij variabele prijs (eurocent)", required=False, min_value=1
    )
    commentaar = forms.CharField(
        label="Commentaar", required=False, max_length=1000, widget=forms.Textarea
    )

    field_order = ["contractproduct", "ingangsdatum", "einddatum", "prijsvorm"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        self.fields["contractproduct"].queryset = (
            ContractProduct.objects.visible_to(user)
            .filter(
                Q(contract__einddatum__isnull=True)
                | Q(contract__einddatum__gte=vandaag)
            )
            .exclude(product__status=ProductStatus.VERVALLEN)  # R-D9
            .exclude(contract__uitvoeringsvariant=Uitvoeringsvariant.TAAKGERICHT)
            .select_related("contract__aanbieder", "product")
            .order_by("contract__aanbieder__naam", "product__code")
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        cp = data["contractproduct"]
        omvang = (
            {"prijsvorm": data["prijsvorm"], "bedrag": data["bedrag"]}
            if data["prijsvorm"]
            else _eenheid_uit_product(self.omvang(), cp.product)
        )
        return {
            "gegevens": ToewijzingGegevens(
                aanbieder=cp.contract.aanbieder,
                product=cp.product,
                ingangsdatum=data["ingangsdatum"],
                einddatum=data["einddatum"],
                commentaar=data["commentaar"],
                **omvang,
            )
        }


def gecontracteerde_producten(user):
    """The products in a contract of the user's aanbieder (R-T1)."""
    return (
        Product.objects.filter(
            contractproducten__contract__aanbieder_id=user.aanbieder_id
        )
        .distinct()
        .order_by("code")
    )


def reden_wijziging_keuze(*codes: str, label: str = "Reden wijziging"):
    """LDT_RedenWijziging without 01 (CS336); only `codes` when given."""
    choices = [
        (code, tekst)
        for code, tekst in REDEN_WIJZIGING_CHOICES
        if code != RedenWijziging.VERVALLEN and (not codes or code in codes)
    ]
    return keuze(label, choices, required=False)


class WijzigenForm(OmvangForm):
    """Change of a toewijzing; only the fields that changed are sent on."""

    reden_wijziging = reden_wijziging_keuze()
    ingangsdatum = datum("Ingangsdatum")
    einddatum = datum("Einddatum", required=False)
    commentaar = forms.CharField(
        label="Commentaar", required=False, max_length=1000, widget=forms.Textarea
    )

    field_order = ["reden_wijziging", "ingangsdatum", "einddatum"]

    def __init__(self, *args, toewijzing: Toewijzing, **kwargs):
        huidig = {veld: getattr(toewijzing, veld) for veld in TOEWIJZING_VELDEN}
        kwargs["initial"] = huidig | (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        self.product = toewijzing.product
        self.fields["eenheid"].disabled = True  # R-T4: the product's, not chosen
        self.fields[
            "eenheid"
        ].help_text = f"{toewijzing.product.code} wordt toegewezen {in_eenheid(toewijzing.product)}."

    def wijzigingen(self) -> dict:
        omvang = _eenheid_uit_product(self.omvang(), self.product)
        waarden = self.cleaned_data | omvang
        gewijzigd = set(self.changed_data)
        if omvang["eenheid"] != (self.initial.get("eenheid") or ""):
            gewijzigd.add("eenheid")  # between a budget and a volume
        return {veld: waarden[veld] for veld in TOEWIJZING_VELDEN if veld in gewijzigd}


class VervangenForm(forms.Form):
    """OP033x1: beëindigen en nieuwe toewijzing, with the new volume/frequentie."""

    ingangsdatum = datum(
        "Ingangsdatum nieuwe toewijzing",
        help_text="De huidige toewijzing eindigt de dag ervoor.",
    )
    volume = forms.IntegerField(label="Nieuw volume", min_value=1)
    frequentie = keuze("Frequentie", FREQUENTIE_CHOICES)
    einddatum = datum("Einddatum nieuwe toewijzing", required=False)
    reden_wijziging = reden_wijziging_keuze(
        label="Reden wijziging (voor de huidige toewijzing)"
    )
    commentaar = forms.CharField(
        label="Commentaar", required=False, max_length=1000, widget=forms.Textarea
    )

    def __init__(self, *args, toewijzing: Toewijzing, **kwargs):
        huidig = {
            "volume": toewijzing.volume,
            "frequentie": toewijzing.frequentie,
            "einddatum": toewijzing.einddatum,
        }
        kwargs["initial"] = huidig | (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)


class VerlengenForm(forms.Form):
    einddatum = datum("Nieuwe einddatum")


class IntrekkenForm(forms.Form):
    einddatum = datum("Einddatum")
    reden_wijziging = reden_wijziging_keuze()


class BeeindigenForm(forms.Form):
    reden_wijziging = reden_wijziging_keuze()


class VerhuizingForm(forms.Form):
    reden_wijziging = reden_wijziging_keuze(
        RedenWijziging.VERHUIZING, RedenWijziging.UITSTROOM_ANDER_DOMEIN
    )


class BevestigenForm(forms.Form):
    """A confirmation without input; the dates are computed by the portal."""


# --- start en stop zorg (aanbieder) --------------------------------------------------


class StartForm(forms.Form):
    begindatum = datum("Begindatum zorg")
    status_aanlevering = keuze(
        "Status aanlevering", STATUS_AANLEVERING_CHOICES, initial="1"
    )


class StopForm(forms.Form):
    begindatum = datum(
        "Begindatum van de start die stopt", help_text="Zoals gemeld in de start zorg."
    )
    einddatum = datum("Einddatum zorg")
    reden_beeindiging = keuze(
        "Reden beëindiging", REDEN_BEEINDIGING_CHOICES, required=False
    )
    status_aanlevering = keuze(
        "Status aanlevering", STATUS_AANLEVERING_CHOICES, initial="1"
    )


# --- verzoeken ---------------------------------------------------------------------


class AntwoordForm(forms.Form):
    """The gemeente's answer to a verzoek: honour (301) or a 319."""

    HONOREREN, AFWIJZEN, IN_ONDERZOEK = "honoreren", "afwijzen", "in_onderzoek"

    besluit = forms.ChoiceField(
        label="Besluit",
        widget=forms.RadioSelect,
        choices=[
            (HONOREREN, "Honoreren: toewijzing versturen (WMO301)"),
            (AFWIJZEN, "Afwijzen (WMO319)"),
            (IN_ONDERZOEK, "In onderzoek (WMO319, antwoord volgt binnen 8 weken)"),
        ],
    )
    reden_afwijzing = keuze("Reden afwijzing", REDEN_AFWIJZING_CHOICES, required=False)


class GewenstProductForm(OmvangForm):
    """The wished product of a 315/317; its eenheid is the product's (R-T4)."""

    eenheid = None
    ingangsdatum = datum("(Gewenste) ingangsdatum")
    einddatum = datum("Einddatum", required=False)


class VerzoekOmToewijzingForm(GewenstProductForm):
    """WMO315 for one product; the cliënt is looked up by BSN or made from the data."""

    gemeente = forms.ModelChoiceField(label="Gemeente", queryset=None)
    bsn = forms.CharField(label="BSN", max_length=9, min_length=9)
    geboortedatum = datum("Geboortedatum")
    geslacht = keuze("Geslacht", GESLACHT_CHOICES)
    achternaam = forms.CharField(label="Achternaam", max_length=200)
    voorvoegsel = forms.CharField(label="Voorvoegsel", max_length=10, required=False)
    voorletters = forms.CharField(label="Voorletters", max_length=6, required=False)
    product = forms.ModelChoiceField(label="Product", queryset=None)
    referentie_aanbieder = forms.CharField(label="Uw referentie", max_length=20)
    verwijzer_type = keuze(
        "Verwijzer", codelijsten.choices("LDT_TypeVerwijzer"), initial="01"
    )
    verwijzer_naam = forms.CharField(
        label="Naam verwijzer", max_length=70, required=False
    )
    commentaar = forms.CharField(
        label="Commentaar", required=False, max_length=1000, widget=forms.Textarea
    )

    field_order = [
        "gemeente",
        "bsn",
        "geboortedatum",
        "geslacht",
        "voorletters",
        "voorvoegsel",
        "achternaam",
        "referentie_aanbieder",
        "product",
        "ingangsdatum",
        "einddatum",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        met_contract = Q(contracten__aanbieder_id=user.aanbieder_id) | Q(
            regios__contracten__aanbieder_id=user.aanbieder_id
        )
        self.fields["gemeente"].queryset = (
            Gemeente.objects.filter(met_contract).distinct().order_by("naam")
        )
        self.fields["product"].queryset = gecontracteerde_producten(user)

    CLIENT = (
        "bsn",
        "geboortedatum",
        "geslacht",
        "achternaam",
        "voorvoegsel",
        "voorletters",
    )
    PRODUCT = ("product", "ingangsdatum", "einddatum", "referentie_aanbieder")

    def client_gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self.CLIENT}

    def product_gegevens(self) -> dict:
        data = self.cleaned_data
        return (
            {veld: data[veld] for veld in self.PRODUCT}
            | _eenheid_uit_product(self.omvang(), data["product"])
            | {
                "verwijzer_type": data["verwijzer_type"],
                "verwijzer_naam": data["verwijzer_naam"],
            }
        )


class VerzoekOmWijzigingForm(GewenstProductForm):
    """WMO317 with one change: of a current toewijzing, or a new product."""

    referentie_aanbieder = forms.CharField(label="Uw referentie", max_length=20)
    reden_verzoek = keuze("Reden verzoek", REDEN_VERZOEK_CHOICES)
    toewijzing = forms.ModelChoiceField(
        label="Te wijzigen toewijzing",
        queryset=None,
        required=False,
        empty_label="geen: een nieuw product aanvragen",
    )
    product = forms.ModelChoiceField(
        label="Nieuw product", queryset=None, required=False
    )

    field_order = ["referentie_aanbieder", "reden_verzoek", "toewijzing", "product"]

    def __init__(self, *args, user, toewijzingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toewijzing"].queryset = toewijzingen.select_related("product")
        self.fields["toewijzing"].label_from_instance = lambda t: (
            f"{t.toewijzing_nummer} · {t.product.code} {t.product.omschrijving}"
        )
        self.fields["product"].queryset = gecontracteerde_producten(user)

    def clean(self):
        data = super().clean()
        if not data.get("toewijzing") and not data.get("product"):
            self.add_error(
                "product", "Kies een te wijzigen toewijzing of een nieuw product."
            )
        return data

    def product_gegevens(self) -> dict:
        data = self.cleaned_data
        product = data["toewijzing"].product if data["toewijzing"] else data["product"]
        return {
            "toewijzing": data["toewijzing"],
            "product": None if data["toewijzing"] else data["product"],
            "ingangsdatum": data["ingangsdatum"],
            "einddatum": data["einddatum"],
        } | _eenheid_uit_product(self.omvang(), product)


class SignaalFilterForm(forms.Form):
    soort = keuze("Soort", SignaalSoort.choices, required=False)
    status = keuze(
        "Status",
        [(SignaalStatus.OPEN, "Open"), (SignaalStatus.AFGEHANDELD, "Afgehandeld")],
        required=False,
    )
