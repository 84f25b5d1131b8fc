"""Mail that came in (an item: one file, recognised again by its hash) and the documents
read from it, with their class, match, route and the evidence for each; reviewers'
corrections kept for retraining."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.audit.subject import Subject
from akte.web.cases.models import Document, Procedure


class Source(models.TextChoices):
    UPLOAD = "upload", _("web upload")
    API = "api", _("partner system")
    FOLDER = "folder", _("drop folder")
    DEMO = "demo", _("demo data")


class State(models.TextChoices):
    REVIEW = "review", _("in review")
    FILED = "filed", _("filed")


class IntakeItem(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to="intake/%Y/%m/")
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"IntakeItem {self.pk}"


class IntakeDocument(models.Model):
    item = models.ForeignKey(IntakeItem, on_delete=models.CASCADE, related_name="documents")
    part = models.CharField(_("part"), max_length=255, blank=True)
    content = models.FileField(upload_to="intake/parts/%Y/%m/", blank=True)  # a part's own bytes
    result = models.JSONField(default=dict)  # the engine's object (akte intake read --json)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=64, blank=True)
    document_class = models.CharField(_("document class"), max_length=3, blank=True)
    document_type = models.CharField(_("document type"), max_length=3, blank=True)
    confidence = models.FloatField(default=0.0)
    court_numbers = models.CharField(max_length=1000, blank=True)  # "|normalised|...|"
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.SET_NULL, related_name="intake"
    )
    match_reasons = models.JSONField(default=list)
    queue = models.CharField(_("queue"), max_length=32, blank=True)
    route_reasons = models.JSONField(default=list)
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    filed = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-item__received_at", "pk"]
        indexes = [models.Index(fields=["state", "queue"], name="intake_queue_idx")]

    def __str__(self) -> str:
        return f"IntakeDocument {self.pk}"

    @property
    def access_subject(self) -> Subject:
        if self.procedure_id is None:
            return Subject(f"intake:{self.pk}")
        return Subject(
            f"intake:{self.pk}", person_id=self.procedure.person_id, procedure_id=self.procedure_id
        )


class Correction(models.Model):
    """What a reviewer changed: kept so the model can be retrained on it."""

    document = models.ForeignKey(
        IntakeDocument, on_delete=models.CASCADE, related_name="corrections"
    )
    field = models.CharField(max_length=16)  # kind | procedure | queue
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
