"""The login limit: per username and address (five failures), per address over all
usernames (a spray), and the address is the client's, taken from the proxy's
X-Forwarded-For only when that proxy is trusted (`AKTE_TRUSTED_PROXIES`)."""

import pytest
from django.test import Client
from django.test.utils import override_settings

from akte.web.accounts.login_limits import client_address
from akte.web.accounts.roles import Role

from .conftest import PASSWORD

LOGIN = "/accounts/login/"
PROXY = "10.0.0.5"


def _try(
    client,
    username,
    password="wrong",  # noqa: S107
    address="192.0.2.10",
    forwarded=None,
):
    meta = {"REMOTE_ADDR": address}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def _spray(client, count=40, **where):
    return [_try(client, f"user{i}", **where).status_code for i in range(count)]


def test_a_spray_over_forty_usernames_from_one_address_is_limited(users):
    codes = _spray(Client())
    assert codes[:19] == [200] * 19  # the form again, with an error
    assert set(codes[20:]) == {429}
    # the address is locked: even the right password of a real user is refused from it
    assert _try(Client(), Role.INTERVIEWER.value, PASSWORD).status_code == 429
    # another address is not
    assert _try(Client(), Role.INTERVIEWER.value, PASSWORD, address="192.0.2.11").status_code == 302


def test_the_username_limit_still_holds(users):
    for _ in range(5):
        _try(Client(), Role.INTERVIEWER.value)
    assert _try(Client(), Role.INTERVIEWER.value, PASSWORD).status_code == 429
    assert _try(Client(), Role.REGISTRY_CLERK.value, PASSWORD).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(users, settings):
    settings.AKTE_TRUSTED_PROXIES = []
    codes = [_try(Client(), f"user{i}", forwarded=f"198.51.100.{i}").status_code for i in range(25)]
    assert codes[-1] == 429  # a made-up header per try does not escape the limit


@override_settings(AKTE_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_behind_a_trusted_proxy_each_client_has_its_own_address(users):
    _spray(Client(), 25, address=PROXY, forwarded="198.51.100.7")
    assert (
        _try(
            Client(), Role.INTERVIEWER.value, PASSWORD, address=PROXY, forwarded="198.51.100.7"
        ).status_code
        == 429
    )
    # another client behind the same proxy logs in
    ok = _try(Client(), Role.INTERVIEWER.value, PASSWORD, address=PROXY, forwarded="198.51.100.8")
    assert ok.status_code == 302


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        ([], "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (["10.0.0.0/8"], "192.0.2.1", "203.0.113.9", "192.0.2.1"),  # not from the proxy
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.9", "203.0.113.9"),
        (["10.0.0.0/8"], "10.1.2.3", "1.1.1.1, 203.0.113.9", "203.0.113.9"),  # spoofed left
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.9, 10.9.9.9", "203.0.113.9"),  # two proxies
        (["10.0.0.0/8"], "10.1.2.3", "", "10.1.2.3"),
        (["10.0.0.0/8"], "10.1.2.3", "not-an-address", "10.1.2.3"),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
        ([], "", None, None),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, client):
    settings.AKTE_TRUSTED_PROXIES = trusted
    assert client_address(_Request(remote, forwarded)) == client


def test_a_wrong_trusted_proxy_setting_says_what():
    from django.core.exceptions import ImproperlyConfigured

    from akte.web.settings.base import parse_trusted_proxies

    assert parse_trusted_proxies(" 127.0.0.1, 10.0.0.0/8 ,") == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ImproperlyConfigured, match="'proxy.example' is not an IP address"):
        parse_trusted_proxies("127.0.0.1,proxy.example")
