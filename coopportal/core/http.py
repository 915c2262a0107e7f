"""What every view does around its one service call: load or 404, call and tell the person how it
went, answer a form with the right status, hand out a kept file, admit only some roles.

Views stay thin with these (STYLE, "Views are thin"):

    proposal = selectors.proposal_access(request.user, slug, pk)
    act(request, lambda: services.proposal_submit(proposal=proposal, by=request.user),
        success=_("Submitted."))
    return redirect(proposal)
"""

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .exceptions import DomainError

T = TypeVar("T")

UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def get_or_404(obj: T | None, *, allowed: Callable[[Any, T], bool] | None = None, user=None) -> T:
    """`obj`, or a 404 when it is missing or `allowed(user, obj)` refuses it: both look the same,
    so nobody learns what exists by guessing addresses (Zulip's `access_stream_by_id`)."""
    if obj is None or (allowed is not None and not allowed(user, obj)):
        raise Http404
    return obj


@dataclass(frozen=True)
class Outcome:
    """What `act` and `act_on_form` report: true when the service ran; `value` is what it gave
    back (the created object, to redirect to)."""

    ok: bool
    value: Any = None

    def __bool__(self):
        return self.ok


def act(request, call: Callable[[], Any], *, success: str | None) -> Outcome:
    """Call a service and say how it went: a `DomainError` becomes an error message in the
    person's language (never a 500), otherwise `success` (if any) is shown."""
    try:
        value = call()
    except DomainError as exc:
        messages.error(request, exc.message)
        return Outcome(False)
    if success:
        messages.success(request, success)
    return Outcome(True, value)


def act_on_form(
    request,
    form,
    call: Callable[..., Any],
    *,
    success: str | None,
    field_codes: Collection[str] = frozenset(),
    errors_as_message: bool = False,
) -> Outcome:
    """Validate `form`, then call `call(**form.cleaned_data)`. A refused action becomes a form
    error, on the field its `code` names when that code is in `field_codes`; nothing is written
    by an invalid form. With `errors_as_message` (a form posted from a page the view redirects
    back to) invalid input and refusals are error messages instead."""
    if not form.is_valid():
        if errors_as_message:
            errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            messages.error(request, _("Please correct the form: %(errors)s") % {"errors": errors})
        return Outcome(False)
    if errors_as_message:
        return act(request, lambda: call(**form.cleaned_data), success=success)
    try:
        value = call(**form.cleaned_data)
    except DomainError as exc:
        field = exc.code if exc.code in field_codes and exc.code in form.fields else None
        form.add_error(field, exc.message)
        return Outcome(False)
    if success:
        messages.success(request, success)
    return Outcome(True, value)


def form_status(form) -> int:
    """400 for a form that was sent and refused (so tools and tests see it), 200 otherwise."""
    return 400 if form.is_bound and form.errors else 200


def safe_filename(filename: str, *, default: str = "download") -> str:
    """A name for Content-Disposition: no path, no control characters, quotes or separators, in
    Unicode NFC (non-ASCII names travel as RFC 5987 `filename*`)."""
    name = unicodedata.normalize("NFC", str(filename)).rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    name = UNSAFE_IN_FILENAME.sub("_", name)
    name = " ".join(name.split()).strip(" ._")
    return name[:150] or default


def attachment(response, filename: str):
    """Mark `response` as a download named `filename` (made safe)."""
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_file(field_file, *, filename: str, content_type: str, private: bool = True):
    """A kept file (document, export, report) as a download: always an attachment with the given
    type and a safe name, never sniffed by the browser, not kept by shared caches when `private`;
    a 404 when the file left the disk."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:  # ValueError: the field holds no file
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    attachment(response, filename)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def role_required(predicate: Callable[[Any], bool]):
    """A view for the people `predicate(user)` admits: visitors go to the login page, everybody
    else is refused (403)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
