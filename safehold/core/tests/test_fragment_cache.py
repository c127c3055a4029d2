"""Kept HTML (core/fragment_cache.py): rendered once per key, the language and release in the key, and never
another request's CSRF token."""

import re

import pytest
from django.middleware.csrf import _does_token_match
from django.test import RequestFactory
from django.utils import translation

from safehold.core import fragment_cache
from safehold.core.fragment_cache import cached_render

TEMPLATE = "core/tests/fragment.html"


@pytest.fixture
def template(settings, tmp_path):
    folder = tmp_path / "core" / "tests"
    folder.mkdir(parents=True)
    (folder / "fragment.html").write_text('{% load i18n %}<form>{% csrf_token %}{% translate "Save" %} {{ n }}</form>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return TEMPLATE


def _counting():
    calls = []

    def context():
        calls.append(1)
        return {"n": len(calls)}

    return context, calls


def test_the_same_key_renders_once_and_serves_the_same_html(template):
    context, calls = _counting()
    request = RequestFactory().get("/")
    cached_render(request, template, context, key=(1, 5))
    second = cached_render(request, template, context, key=(1, 5))
    assert len(calls) == 1
    assert "Save 1" in second


def test_another_key_renders_again(template):
    context, calls = _counting()
    request = RequestFactory().get("/")
    cached_render(request, template, context, key=(1, 5))
    html = cached_render(request, template, context, key=(1, 6))
    assert len(calls) == 2
    assert "Save 2" in html


def test_each_language_is_kept_apart(template):
    context, calls = _counting()
    request = RequestFactory().get("/")
    with translation.override("en"):
        english = cached_render(request, template, context, key=(1,))
    with translation.override("de"):
        german = cached_render(request, template, context, key=(1,))
    assert len(calls) == 2
    assert "Save" in english and "Speichern" in german


def test_a_new_release_does_not_serve_the_old_one_s_html(template, monkeypatch):
    context, calls = _counting()
    request = RequestFactory().get("/")
    cached_render(request, template, context, key=(1,))
    monkeypatch.setattr(fragment_cache, "RELEASE", "0.2.0")
    cached_render(request, template, context, key=(1,))
    assert len(calls) == 2


def test_each_request_gets_its_own_csrf_token_and_the_cache_holds_none(template):
    context, _calls = _counting()
    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    token_first = _token_in(cached_render(first, template, context, key=(1,)))
    token_second = _token_in(cached_render(second, template, context, key=(1,)))
    secret_first, secret_second = first.META["CSRF_COOKIE"], second.META["CSRF_COOKIE"]
    assert _does_token_match(token_first, secret_first)
    assert _does_token_match(token_second, secret_second)
    assert not _does_token_match(token_second, secret_first)
    kept = fragment_cache.caches[fragment_cache.CACHE_ALIAS].get(fragment_cache.fragment_key(template, (1,)))
    assert _token_in(kept) == fragment_cache._placeholder()


def _token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_the_key_is_the_same_in_every_process():
    # repr() of what the callers pass (ints, dates, sorted tuples of strings) does not depend on hash seeds.
    assert fragment_cache.fragment_key("t.html", (1, ("change", "view"))) == \
        fragment_cache.fragment_key("t.html", (1, ("change", "view")))
    assert fragment_cache.fragment_key("t.html", (1,)) != fragment_cache.fragment_key("t.html", (2,))
