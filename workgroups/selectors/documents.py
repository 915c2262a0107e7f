from coopportal.core.http import get_or_404

from .. import permissions
from ..models import Document
from .groups import group_access


def document_list(*, group, user):
    """The group's documents the person may see: all for members and staff, else public ones."""
    documents = Document.objects.filter(group=group).select_related("phase", "uploaded_by")
    if not permissions.can_view_group_content(user, group):
        documents = documents.filter(is_public=True)
    return documents.order_by("kind", "title", "pk")


def document_get(*, group, pk):
    return Document.objects.select_related("group").filter(group=group, pk=pk).first()


def document_access(user, slug, pk, *, need=permissions.can_view_document) -> Document:
    """Document `pk` of the group at `slug` if `need(user, document)` allows it (public
    documents are for everybody, so the predicate judges the group); a 404 for "missing" and
    "not allowed" alike."""
    group = group_access(user, slug, need=None)
    return get_or_404(document_get(group=group, pk=pk), allowed=need, user=user)
