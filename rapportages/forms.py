from django import forms

from stamgegevens.models import Contract


class BudgetForm(forms.Form):
    contract = forms.ModelChoiceField(
        queryset=Contract.objects.none(), label="Contract"
    )
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)
    bedrag = forms.DecimalField(
        label="Budget (€)", min_value=0, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = (
            Contract.objects.visible_to(user)
            .select_related("aanbieder")
            .order_by("nummer")
        )
