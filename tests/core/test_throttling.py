"""Rate limits and lockouts count the caller's real address: the socket's peer, or what trusted proxies saw."""

from django.test import RequestFactory

from aiplus.core.throttling import client_address


def _request(forwarded: str = ""):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.AIPLUS_TRUSTED_PROXIES = 0
    assert client_address(_request("203.0.113.7")) == "10.0.0.9"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(settings):
    settings.AIPLUS_TRUSTED_PROXIES = 1
    assert client_address(_request("198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    assert client_address(_request()) == "10.0.0.9"


def test_behind_two_proxies_the_outer_proxys_view_counts(settings):
    settings.AIPLUS_TRUSTED_PROXIES = 2
    assert client_address(_request("198.51.100.1, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
