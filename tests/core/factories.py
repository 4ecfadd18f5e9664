"""factory_boy factories for users of the three roles."""

import factory

from core.constants import Rol
from core.models import User
from stamgegevens.models import Aanbieder, Gemeente
from tests.stamgegevens.factories import AanbiederFactory, GemeenteFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    rol = Rol.BEHEERDER
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


def gemeente_user(gemeente: Gemeente | None = None, **kwargs) -> User:
    return UserFactory(
        rol=Rol.GEMEENTE, gemeente=gemeente or GemeenteFactory(), **kwargs
    )


def aanbieder_user(aanbieder: Aanbieder | None = None, **kwargs) -> User:
    return UserFactory(
        rol=Rol.AANBIEDER, aanbieder=aanbieder or AanbiederFactory(), **kwargs
    )


def beheerder_user(**kwargs) -> User:
    return UserFactory(rol=Rol.BEHEERDER, is_staff=True, is_superuser=True, **kwargs)
