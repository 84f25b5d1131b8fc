"""Providers, courses, course days, participants, attendance, exams and invoices.

A participant is a person in Akte's sense (`cases.Person`): reading a participant writes
an access log entry for that person. A participant may be an asylum applicant with a
procedure (`procedure` set) or not (a person without a procedure).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.audit.subject import Subject
from akte.web.cases.models import Person, Procedure


class Module(models.TextChoices):
    BASIC_B2 = "basic_b2", _("Basic course B1 → B2")
    BASIC_C1 = "basic_c1", _("Basic course B2 → C1")
    BASIC_C2 = "basic_c2", _("Basic course C1 → C2")
    SPECIAL_RECOGNITION = "special_recognition", _("Special course: professional recognition")
    SPECIAL_SUBJECT = "special_subject", _("Special course: subject-specific")
    SPECIAL_B1 = "special_b1", _("Special course A2 → B1")
    SPECIAL_A2 = "special_a2", _("Special course below A2 → A2")


class Attendance(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused absence")
    UNEXCUSED = "unexcused", _("unexcused absence")
    CHANGE_OF_COURSE = "change_of_course", _("change of course")
    CHANGE_OF_PROVIDER = "change_of_provider", _("change of provider")
    INTERNSHIP = "internship", _("internship")


class Provider(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=100)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    leitweg_id = models.CharField(
        _("Leitweg-ID for this provider's invoices"),
        max_length=46,
        blank=True,
        help_text=_("the office's routing ID (XRechnung BT-10); empty: the office's setting"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CourseStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    APPROVED = "approved", _("approved")
    FINISHED = "finished", _("finished")


class Course(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="courses")
    number = models.CharField(_("course number"), max_length=32, unique=True)
    module = models.CharField(_("course type"), max_length=32, choices=Module.choices)
    region = models.CharField(_("region"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    planned_units = models.PositiveIntegerField(_("planned teaching units"))
    full_time = models.BooleanField(_("full-time"), default=False)
    needs_extra_preparation = models.BooleanField(
        _("extra exam preparation (B2, 500 units)"), default=False
    )
    capacity_exception = models.BooleanField(
        _("exception from the maximum of 25 granted"), default=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CourseStatus.choices, default=CourseStatus.REGISTERED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_on", "number"]

    def __str__(self) -> str:
        return self.number


class CourseDay(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("day"))
    units = models.PositiveSmallIntegerField(_("teaching units held"))
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["course", "day"], name="one_list_a_day")]


class Participant(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="course_places")
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.PROTECT, related_name="course_places"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    waiting = models.BooleanField(_("on the waiting list"), default=False)
    facts = models.JSONField(_("facts for the rules"), default=dict)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Participant {self.pk}"

    @property
    def access_subject(self) -> Subject:
        return Subject(f"participant:{self.pk}", self.person_id, self.procedure_id)

    @property
    def name(self) -> str:
        spelling = self.person.primary_spelling
        return f"{spelling.family_name}, {spelling.given_names}" if spelling else str(self.person)


class Mark(models.Model):
    day = models.ForeignKey(CourseDay, on_delete=models.CASCADE, related_name="marks")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="marks")
    attendance = models.CharField(_("attendance"), max_length=24, choices=Attendance.choices)
    minutes_missed = models.PositiveSmallIntegerField(_("minutes late or early"), default=0)
    # the participant's own signature on the paper list at the start of the day, as the
    # provider transcribes it (rule abrrl-11-unsigned-presence: a presence unsigned is not paid)
    signed = models.BooleanField(_("signed at the start"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "participant"], name="one_mark_a_day")
        ]


class Correction(models.Model):
    """A change of a recorded mark, with its reason (the old values are kept here)."""

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="corrections")
    old_attendance = models.CharField(max_length=24)
    old_minutes = models.PositiveSmallIntegerField()
    new_attendance = models.CharField(max_length=24)
    new_minutes = models.PositiveSmallIntegerField()
    old_signed = models.BooleanField(null=True)
    new_signed = models.BooleanField(null=True)
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)


class Exam(models.TextChoices):
    DTB_A2 = "dtb_a2", _("Deutsch-Test für den Beruf A2")
    DTB_B1 = "dtb_b1", _("Deutsch-Test für den Beruf B1")
    DTB_B2 = "dtb_b2", _("Deutsch-Test für den Beruf B2")
    DTB_C1 = "dtb_c1", _("Deutsch-Test für den Beruf C1")


class ExamCentre(models.Model):
    """An exam centre for the Deutsch-Test für den Beruf, approved by the office before a
    result taken there can be recorded."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=100)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExamResult(models.Model):
    """A participant's result in one Deutsch-Test für den Beruf (one level), and the
    certificate issued on passing (its number, date; the level and centre are the exam's)."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="exams")
    exam = models.CharField(_("exam"), max_length=8, choices=Exam.choices)
    centre = models.ForeignKey(
        ExamCentre, on_delete=models.PROTECT, related_name="results", verbose_name=_("exam centre")
    )
    taken_on = models.DateField(_("taken on"))
    passed = models.BooleanField(_("passed"))
    certificate = models.CharField(_("certificate number"), max_length=64, blank=True)
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["taken_on"]

    @property
    def level(self) -> str:
        return self.exam.removeprefix("dtb_").upper()


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Invoice(models.Model):
    """A provider's monthly invoice as computed when it was submitted (lines kept as data)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(_("invoice number"), max_length=40, unique=True)
    first = models.DateField(_("from"))
    last = models.DateField(_("to"))
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    contributions = models.DecimalField(_("contributions"), max_digits=12, decimal_places=2)
    payable = models.DecimalField(_("payable"), max_digits=12, decimal_places=2)
    lines = models.JSONField(default=list)
    rulebook = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "first"],
                condition=~models.Q(status="rejected"),
                name="one_invoice_a_month",
            )
        ]

    def __str__(self) -> str:
        return self.number


class RefundPayment(models.Model):
    """The office paid a participant the refund on passing (§ 4 Abs. 6 DeuFöV): the amount
    as computed when it was paid, the rule, who paid and when. Irreversible: never changed or
    deleted; a later refund due (after a further invoice) is a further payment."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="refund_payments"
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    rule = models.CharField(_("rule"), max_length=120)
    passed_on = models.DateField(_("exam passed on"))
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField(_("paid at"), default=timezone.now)

    class Meta:
        ordering = ["paid_at"]
