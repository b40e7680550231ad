"""Wrong passwords are limited per user name and per address (django-axes), with a clear 429."""

from django.test import Client
from django.urls import reverse


def _sign_in(client, username, password, **extra):
    return client.post(reverse("core:login"), {"username": username, "password": password}, **extra)


def test_after_five_wrong_passwords_the_user_name_is_locked_even_with_the_right_one(amy):
    client = Client(headers={"Accept-Language": "zh-hant"})
    statuses = [_sign_in(client, "amy", f"wrong-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _sign_in(Client(REMOTE_ADDR="10.9.9.9"), "amy", "pass-amy")
    assert locked.status_code == 429 and "_auth_user_id" not in locked.client.session
    assert "15" in _sign_in(client, "amy", "pass-amy").content.decode()
    assert "登入失敗次數過多" in _sign_in(client, "amy", "pass-amy").content.decode()


def test_one_address_trying_many_user_names_is_locked(amy, bob):
    client = Client()
    for n in range(5):
        _sign_in(client, f"nobody-{n}", "guess")
    assert _sign_in(client, "bob", "pass-bob").status_code == 429
    elsewhere = _sign_in(Client(REMOTE_ADDR="10.1.2.3"), "bob", "pass-bob")
    assert elsewhere.status_code == 302


def test_a_right_password_before_the_limit_clears_the_count(amy):
    client = Client()
    for n in range(4):
        _sign_in(client, "amy", f"wrong-{n}")
    assert _sign_in(client, "amy", "pass-amy").status_code == 302
    client.post(reverse("core:logout"))
    for n in range(4):
        _sign_in(client, "amy", f"wrong-again-{n}")
    assert _sign_in(client, "amy", "pass-amy").status_code == 302
