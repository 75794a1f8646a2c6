from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail_localize.fields import SynchronizedField

COORDINATES_HELP = _("Decimal degrees, e.g. 51.1282, 71.4307; used for the map")


class Coordinates(models.Model):
    """Where a place is, for the maps drawn by ``museums.maps``: a museum's building, a venue's city.

    Abstract, so the museum and the exhibition venue keep the two columns in their own tables.
    Optional (nothing is guessed: without them a map shows no marker), but a latitude without a
    longitude is refused. The same in every language: add ``SYNCHRONISED`` to the model's
    ``override_translatable_fields`` and ``panel()`` to its panels.
    """

    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=COORDINATES_HELP,
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=COORDINATES_HELP,
    )

    SYNCHRONISED = [SynchronizedField("latitude"), SynchronizedField("longitude")]

    class Meta:
        abstract = True

    @staticmethod
    def panel():
        return FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location on the map")
        )

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Enter both the latitude and the longitude, or neither.")})
