"""One confirmation step for every irreversible action (withdraw, cancel, remove, leave, decline).

The button on the page is a link to the action's URL: GET shows a confirmation page ("Are you
sure? … [Confirm] [Cancel]") whose form POSTs back to the same URL with `confirm=yes`; only that
POST acts. A POST without it (an old form, a forged request) just shows the page again and
changes nothing. No JavaScript, so it works under a strict Content-Security-Policy.

    if not confirmed(request):
        return ask(request, question=..., consequence=..., action=..., cancel_url=...)
"""

from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def ask(request, *, question, consequence, action, cancel_url, form=None, status=200):
    """The confirmation page. `form` (optional) is shown above the buttons (e.g. a reason)."""
    context = {
        "question": question,
        "consequence": consequence,
        "action": action,
        "cancel_url": cancel_url,
        "form": form,
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
    }
    return render(request, "core/confirm.html", context, status=status)
