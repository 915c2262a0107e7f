from . import selectors


def bell(request):
    """The unread count for the bell: one indexed COUNT, only for logged-in people."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count(user=user)}
