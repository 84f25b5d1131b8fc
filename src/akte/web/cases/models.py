"""A person, their procedures, the status history and documents. (Hearings: `akte.web.hearings`.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.audit.subject import Subject

from .fields import PartialDateField
from .offices import Office


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    DIVERSE = "X", _("diverse / not stated")


class Script(models.TextChoices):
    """ISO 15924 codes of the scripts names are written in."""

    LATIN = "Latn", _("Latin")
    ARABIC = "Arab", _("Arabic")
    ETHIOPIC = "Ethi", _("Ethiopic (Ge'ez)")
    CYRILLIC = "Cyrl", _("Cyrillic")
    OTHER = "Zyyy", _("other")


class Person(models.Model):
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = PartialDateField(_("date of birth"), blank=True, null=True)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=3, help_text=_("ISO 3166-1 alpha-3")
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("ISO 639 codes, comma-separated")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:  # no names in logs or reprs: an identifier only
        return f"Person {self.pk}"

    @property
    def access_subject(self) -> Subject:
        return Subject(f"person:{self.pk}", person_id=self.pk)

    @property
    def primary_spelling(self) -> NameSpelling | None:
        spellings = list(self.spellings.all())
        return next((s for s in spellings if s.is_primary), spellings[0] if spellings else None)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class NameSpelling(models.Model):
    """One way the person's name is written: a transliteration or the original script."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="spellings")
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, default="Latn")
    is_primary = models.BooleanField(_("primary"), default=False)
    note = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-is_primary", "pk"]
        indexes = [models.Index(fields=["family_name", "given_names"], name="spelling_name_idx")]

    def __str__(self) -> str:
        return f"NameSpelling {self.pk}"


class Status(models.TextChoices):
    REGISTERED = "registered", _("registered")
    LODGED = "lodged", _("application lodged")
    DUBLIN = "dublin", _("Dublin procedure")
    HEARING_SCHEDULED = "hearing_scheduled", _("hearing scheduled")
    HEARING_HELD = "hearing_held", _("hearing held")
    DECIDED = "decided", _("decided")
    APPEAL = "appeal", _("appeal pending")
    CLOSED = "closed", _("closed")
    FINAL = "final", _("decision final")  # added (issue 11): bestandskräftig / rechtskräftig


class ApplicationKind(models.TextChoices):
    FIRST = "first", _("first application")
    FOLLOW_UP = "follow_up", _("follow-up application (§ 71 AsylG)")


class Procedure(models.Model):
    file_number = models.CharField(_("file number"), max_length=11, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="procedures")
    status = models.CharField(_("status"), max_length=32, choices=Status.choices)
    office = models.CharField(_("office"), max_length=8, choices=Office.choices)
    country = models.CharField(
        _("country of origin"), max_length=3, help_text=_("ISO 3166-1 alpha-3")
    )
    language = models.CharField(_("interview language"), max_length=8, blank=True)
    lodged_on = models.DateField(_("application lodged on"), null=True, blank=True)
    application_kind = models.CharField(
        _("application"), max_length=16, choices=ApplicationKind.choices, default="first"
    )
    counsel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="client_procedures"
    )
    # who works on it beyond its office (`access.visible_procedures`): one user, one team
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_procedures",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("routed to team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # the time of the status event that set `status` (the worklists' "ready since"), kept by
    # `transitions.record_status` in the transaction of that event
    status_since = models.DateTimeField(_("in this status since"), default=timezone.now)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "country", "office"], name="procedure_filter_idx"),
            models.Index(fields=["-created_at"], name="procedure_recent_idx"),
            # the list filtered by status or office, newest first (akte bench web)
            models.Index(fields=["status", "-created_at"], name="procedure_status_recent_idx"),
            models.Index(fields=["office", "-created_at"], name="procedure_office_recent_idx"),
            # worklists: the procedures in one status, longest waiting first
            models.Index(fields=["status", "status_since"], name="procedure_status_since_idx"),
        ]

    def __str__(self) -> str:
        return self.file_number

    @property
    def access_subject(self) -> Subject:
        return Subject(f"procedure:{self.pk}", person_id=self.person_id, procedure_id=self.pk)


class StatusEvent(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=32, choices=Status.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    agency = models.CharField(_("agency"), max_length=200, default="BAMF")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("application")
    IDENTITY = "identity", _("identity document")
    LETTER = "letter", _("letter")
    COURT = "court", _("court document")
    DECISION = "decision", _("decision (Bescheid)")
    MEDICAL = "medical", _("medical certificate")
    OTHER = "other", _("other")


class Document(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    @property
    def access_subject(self) -> Subject:
        return Subject(
            f"document:{self.pk}",
            person_id=self.procedure.person_id,
            procedure_id=self.procedure_id,
        )


from .lifecycle_models import Appeal, Decision, TransitionRequest  # noqa: E402, F401
from .trail import PersonChange, PersonMerge  # noqa: E402, F401  (corrections and merges)
