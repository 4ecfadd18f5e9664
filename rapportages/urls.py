from django.urls import path

from rapportages import views

app_name = "rapportages"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("budgetten/", views.BudgetView.as_view(), name="budgetten"),
]
