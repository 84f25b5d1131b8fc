"""Creating users from the command line and the demo."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from .models import User
from .roles import Role


class UserCreationError(ValueError):
    pass


def create_user(*, username: str, role: str, password: str, office: str = "", **extra) -> User:
    if role not in Role.values:
        raise UserCreationError(f"unknown role {role!r}; choose one of: {', '.join(Role.values)}")
    user = User(username=username, role=role, office=office, **extra)
    try:
        user.full_clean(exclude=["password"])
        validate_password(password, user)
    except ValidationError as exc:
        raise UserCreationError("; ".join(exc.messages)) from exc
    user.set_password(password)
    try:
        user.save()
    except IntegrityError as exc:
        raise UserCreationError(f"user {username!r} exists already") from exc
    return user
