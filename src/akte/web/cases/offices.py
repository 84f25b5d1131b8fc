"""Office branches of the demo office. A code list, not a model: offices change rarely."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    BER = "BER", _("Berlin")
    MUC = "MUC", _("Munich")
    NUE = "NUE", _("Nuremberg")
    BIE = "BIE", _("Bielefeld")
    DOR = "DOR", _("Dortmund")
