"""Users with one role each, and API tokens for partner systems."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Capability, Role, capabilities


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    office = models.CharField(
        _("office"), max_length=8, blank=True, help_text=_("Office code, e.g. BER")
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Agency or law firm")
    )
    display_name = models.CharField(
        _("display name"), max_length=200, blank=True, help_text=_("As printed in records")
    )

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    def can(self, capability: Capability) -> bool:
        return self.is_active and capability in capabilities(self.role)


class Team(models.Model):
    """A unit procedures are routed to (the Dublin unit, the litigation team, ...): its
    members see the procedures routed to it, whatever their office
    (`akte.web.cases.access.visible_procedures`)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    office = models.CharField(
        _("office"), max_length=8, blank=True, help_text=_("Office code; empty: all offices")
    )
    members = models.ManyToManyField(User, blank=True, related_name="teams")

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for a partner system. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.BooleanField(default=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    @classmethod
    def issue(cls, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """Create a token, valid for `days` days (None: without expiry); the clear text is
        returned once and never stored."""
        clear = "akte_" + secrets.token_urlsafe(32)
        now = timezone.now()
        expires = now + dt.timedelta(days=days) if days is not None else None
        token = cls.objects.create(
            user=user, name=name, digest=_digest(clear), created_at=now, expires_at=expires
        )
        return token, clear

    @classmethod
    def authenticate(cls, clear: str) -> User | None:
        token = (
            cls.objects.select_related("user")
            .filter(digest=_digest(clear), revoked=False, user__is_active=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))
            .first()
        )
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
