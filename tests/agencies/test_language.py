"""The interface language: Vietnamese for everyone unless they choose English with the switch
in the header; a signed-in user's choice follows them to every sign-in, a visitor's stays in
the browser (tests/reporting/test_language_numbers.py: the numbers that follow it)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from agencies.models import AccountProfile
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client: Client, user) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the sign-in was refused"


def choose(client: Client, language: str, *, back_to: str = "/ke-hoach/"):
    return client.post(reverse("language_switch"), {"language": language, "next": back_to})


def language_of(client: Client, path: str = "/ke-hoach/") -> str:
    html = client.get(path).content.decode()
    return re.search(r'<html lang="(\w+)">', html).group(1)


def test_everyone_starts_in_vietnamese_whatever_their_browser_asks(alice):
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    sign_in(client, alice)
    page = client.get("/ke-hoach/").content.decode()
    assert '<html lang="vi">' in page
    assert "Kế hoạch thực hiện Chương trình hành động vì trẻ em" in page
    # The switch offers English, named in English.
    assert ('<button type="submit" class="link" name="language" value="en" lang="en" '
            'id="language-en">English</button>') in page


def test_it_keeps_a_user_s_choice_across_sign_out_and_sign_in(alice):
    client = Client()
    sign_in(client, alice)
    response = choose(client, "en")
    assert response.status_code == 302 and response["Location"] == "/ke-hoach/"
    page = client.get("/ke-hoach/").content.decode()
    assert '<html lang="en">' in page
    assert "Plans implementing the National Programme of Action for Children" in page
    assert 'lang="vi" id="language-vi">Tiếng Việt</button>' in page
    assert AccountProfile.objects.get(user=alice).language == "en"

    client.post(reverse("logout"))
    # Another browser, without the switch's cookie: the profile brings English back.
    elsewhere = Client()
    assert language_of(elsewhere, reverse("login")) == "vi"
    sign_in(elsewhere, alice)
    assert language_of(elsewhere) == "en"

    choose(elsewhere, "vi")
    elsewhere.post(reverse("logout"))
    third = Client()
    sign_in(third, alice)
    assert language_of(third) == "vi"


def test_a_visitor_s_choice_stays_in_the_browser_and_survives_sign_out(alice):
    client = Client()
    choose(client, "en", back_to=reverse("login"))
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Forgotten your password?" in page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    sign_in(client, alice)
    client.post(reverse("logout"))
    assert language_of(client, reverse("login")) == "en"


def test_one_user_s_choice_is_not_another_s(alice, charlie):
    client = Client()
    sign_in(client, alice)
    choose(client, "en")
    other = Client()
    sign_in(other, charlie)
    assert language_of(other) == "vi"
    assert not AccountProfile.objects.filter(user=charlie, language="en").exists()


def test_a_language_the_portal_does_not_have_changes_nothing(alice):
    client = Client()
    sign_in(client, alice)
    choose(client, "fr")
    assert language_of(client) == "vi"
    assert not AccountProfile.objects.filter(user=alice).exclude(language="").exists()


def test_a_user_on_a_temporary_password_may_still_switch(alice):
    AccountProfile.objects.create(user=alice, must_change_password=True)
    client = Client()
    sign_in(client, alice)
    choose(client, "en", back_to=reverse("password_change"))
    page = client.get(reverse("password_change")).content.decode()
    assert '<html lang="en">' in page and "Current password" in page
