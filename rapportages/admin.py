from django.contrib import admin

from rapportages.models import Budget


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["contract", "jaar", "bedrag"]
    list_filter = ["jaar"]
    raw_id_fields = ["contract"]
