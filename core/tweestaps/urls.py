from django.urls import path

from core.tweestaps.views import HerstelcodesView, TweestapsView

app_name = "tweestaps"

urlpatterns = [
    path("", TweestapsView.as_view(), name="instellen"),
    path("herstelcodes/", HerstelcodesView.as_view(), name="herstelcodes"),
]
