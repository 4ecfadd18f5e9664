from rest_framework import serializers

from core.privacy import mask_bsn


class GemaskeerdBsnField(serializers.CharField):
    """The BSN as lists show it: '*****6782'."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return mask_bsn(value)
