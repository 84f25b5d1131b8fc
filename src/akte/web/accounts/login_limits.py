"""Login rate limiting (django-axes) by the real client address, with a second limit per
address over all usernames (a password spray from one address).

- `client_address(request)`: `REMOTE_ADDR`, unless that is a trusted proxy
  (`AKTE_TRUSTED_PROXIES`, read once in `web/settings/base.py`); then the right-most
  address in `X-Forwarded-For` that is not itself a trusted proxy. Without a trusted proxy
  the header is ignored: anyone can send it.
- `AddressAwareHandler`: axes' database handler, locking a username from an address after
  `AXES_FAILURE_LIMIT` failures (as before) and also the whole address after
  `AKTE_LOGIN_ADDRESS_FAILURE_LIMIT` failures over any usernames within the cool-off time.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from functools import cache

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


@cache
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str | None:
    """The address the login limit counts (axes' `AXES_CLIENT_IP_CALLABLE`)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    networks = _networks(tuple(settings.AKTE_TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote) if remote is not None else None
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):  # right-most first: the ones our proxies appended
        address = _address(hop)
        if address is None:
            return str(remote)  # a garbled header: count the proxy, never a made-up address
        if not _trusted(address, networks):
            return str(address)
    return str(remote)


def address_failures(address: str | None) -> int:
    """Failed logins from `address` over all usernames within the cool-off time."""
    if not address:
        return 0
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures axes compares with `AXES_FAILURE_LIMIT`: the username's from this
        address, or the address's over all usernames in units of that limit."""
        per_username = super().get_failures(request, credentials)
        spray = address_failures(getattr(request, "axes_ip_address", None))
        scaled = spray * settings.AXES_FAILURE_LIMIT // settings.AKTE_LOGIN_ADDRESS_FAILURE_LIMIT
        return max(per_username, scaled)
