"""Chinese by default, whatever the browser says; English when the user picks it (a cookie)."""

from __future__ import annotations


class IgnoreBrowserLanguageMiddleware:
    """Drop Accept-Language so that LocaleMiddleware falls back to the language cookie, then zh-hans.

    Officers' machines are set up in many ways; the product's language should not change with
    the browser build. The switch in the top bar sets the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
