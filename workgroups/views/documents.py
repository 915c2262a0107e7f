"""Documents: validated uploads by coordinators and staff, downloads checked on each request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopportal.core.confirm import ask, confirmed

from .. import permissions
from ..exceptions import WorkgroupError
from ..forms.documents import DocumentForm
from ..selectors import documents as selectors
from ..selectors import groups as group_selectors
from ..services import documents as services


def _group(slug):
    group = group_selectors.group_get(slug=slug)
    if group is None:
        raise Http404
    return group


def _document(request, slug, pk, check):
    document = selectors.document_get(group=_group(slug), pk=pk)
    if document is None or not check(request.user, document):
        raise Http404
    return document


def group_section(request, group):
    return {
        "template": "workgroups/partials/_documents_section.html",
        "documents": list(selectors.document_list(group=group, user=request.user)),
        "can_upload": permissions.can_upload_document(request.user, group),
    }


@login_required
def document_upload(request, slug):
    group = _group(slug)
    if not permissions.can_upload_document(request.user, group):
        raise Http404
    posting = request.method == "POST"
    form = DocumentForm(
        request.POST if posting else None, request.FILES if posting else None, group=group
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(group=group, by=request.user, **form.cleaned_data)
        except WorkgroupError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The document has been added."))
            return redirect(group)
    status = 400 if form.is_bound else 200
    context = {"group": group, "form": form}
    return render(request, "workgroups/document_form.html", context, status=status)


def document_download(request, slug, pk):
    """Always an attachment with the type sniffed at upload, never a link into /media/."""
    document = _document(request, slug, pk, permissions.can_view_document)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = document.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not document.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, slug, pk):
    document = _document(request, slug, pk, permissions.can_delete_document)
    if not confirmed(request):
        return ask(
            request,
            question=_("Remove the document “%(title)s”?") % {"title": document.title},
            consequence=_("The file is deleted for good: nobody will be able to download it."),
            action=_("Remove the document"),
            cancel_url=document.group.get_absolute_url(),
        )
    try:
        services.document_delete(document=document, by=request.user)
    except WorkgroupError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document has been removed."))
    return redirect(document.group)


urlpatterns = [
    path("<slug:slug>/documents/new/", document_upload, name="document_upload"),
    path("<slug:slug>/documents/<int:pk>/", document_download, name="document_download"),
    path("<slug:slug>/documents/<int:pk>/delete/", document_delete, name="document_delete"),
]
