from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Every response to a logged-in person is theirs alone: `Cache-Control: private, no-store`,
    so that no shared cache keeps it and the browser does not show it again after logging out.

    Only headers change, so file downloads stream as before; responses to visitors keep the
    headers their views gave them (public pages stay cacheable).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
