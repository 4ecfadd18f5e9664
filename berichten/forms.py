from django import forms

from berichten.xml.parser import MAX_BYTES


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenField(forms.FileField):
    """A file field that accepts several files at once (a list in cleaned_data)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestandenInput(attrs={"accept": ".xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)]


class UploadForm(forms.Form):
    bestanden = MeerdereBestandenField(
        label="iWmo-berichten (XML)",
        help_text="U kunt meerdere bestanden tegelijk kiezen; elk bestand is één bericht.",
    )

    def clean_bestanden(self):
        bestanden = self.cleaned_data["bestanden"]
        te_groot = [b.name for b in bestanden if b.size > MAX_BYTES]
        if te_groot:
            raise forms.ValidationError(
                f"Groter dan {MAX_BYTES // 1024 // 1024} MB: {', '.join(te_groot)}."
            )
        return bestanden
