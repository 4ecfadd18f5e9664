"""Reads of background jobs."""

from django.db.models import QuerySet

from core.models import Taak


def taak_list(*, user) -> QuerySet[Taak]:
    """The user's own jobs, newest first (no one sees another user's jobs)."""
    if not getattr(user, "is_authenticated", False):
        return Taak.objects.none()
    return Taak.objects.filter(gebruiker=user)
