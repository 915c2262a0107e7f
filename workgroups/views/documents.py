"""Documents: validated uploads by coordinators and staff, downloads checked on each request."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status, serve_file

from .. import permissions
from ..forms.documents import DocumentForm
from ..selectors import documents as selectors
from ..selectors import groups as group_selectors
from ..services import documents as services


def group_section(request, group):
    return {
        "template": "workgroups/partials/_documents_section.html",
        "documents": list(selectors.document_list(group=group, user=request.user)),
        "can_upload": permissions.can_upload_document(request.user, group),
    }


@login_required
def document_upload(request, slug):
    group = group_selectors.group_access(request.user, slug, need=permissions.can_upload_document)
    posting = request.method == "POST"
    form = DocumentForm(
        request.POST if posting else None, request.FILES if posting else None, group=group
    )
    if posting and act_on_form(
        request,
        form,
        lambda **data: services.document_upload(group=group, by=request.user, **data),
        success=_("The document has been added."),
    ):
        return redirect(group)
    context = {"group": group, "form": form}
    return render(request, "workgroups/document_form.html", context, status=form_status(form))


def document_download(request, slug, pk):
    """Always an attachment with the type sniffed at upload, never a link into /media/."""
    document = selectors.document_access(request.user, slug, pk)
    return serve_file(
        document.file,
        filename=document.file.name,
        content_type=document.content_type,
        private=not document.is_public,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, slug, pk):
    document = selectors.document_access(
        request.user, slug, pk, need=permissions.can_delete_document
    )
    if not confirmed(request):
        return ask(
            request,
            question=_("Remove the document “%(title)s”?") % {"title": document.title},
            consequence=_("The file is deleted for good: nobody will be able to download it."),
            action=_("Remove the document"),
            cancel_url=document.group.get_absolute_url(),
        )
    act(
        request,
        lambda: services.document_delete(document=document, by=request.user),
        success=_("The document has been removed."),
    )
    return redirect(document.group)


urlpatterns = [
    path("<slug:slug>/documents/new/", document_upload, name="document_upload"),
    path("<slug:slug>/documents/<int:pk>/", document_download, name="document_download"),
    path("<slug:slug>/documents/<int:pk>/delete/", document_delete, name="document_delete"),
]
