from django.urls import path

from core.tweestaps_views import TweestapsView

app_name = "tweestaps"

urlpatterns = [
    path("", TweestapsView.as_view(), name="instellen"),
]
