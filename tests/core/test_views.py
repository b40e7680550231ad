"""Sign-in, sign-out and the language switch."""

from django.urls import reverse


def test_sign_in_page_renders_in_both_languages(client, db):
    page = client.get(reverse("core:login")).content.decode()
    assert "Sign in" in page and "繁體中文" in page
    client.cookies["django_language"] = "zh-hant"
    page = client.get(reverse("core:login")).content.decode()
    assert "登入" in page and "用戶名稱" in page


def test_wrong_password_is_refused(client, amy):
    response = client.post(reverse("core:login"), {"username": "amy", "password": "wrong"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_sign_out_is_a_post(client, amy):
    client.force_login(amy)
    assert client.get(reverse("core:logout")).status_code == 405
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert response.url == reverse("core:login")
    assert client.get(reverse("documents:collections")).status_code == 302
