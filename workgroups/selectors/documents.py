from .. import permissions
from ..models import Document


def document_list(*, group, user):
    """The group's documents the person may see: all for members and staff, else public ones."""
    documents = Document.objects.filter(group=group).select_related("phase", "uploaded_by")
    if not permissions.can_view_group_content(user, group):
        documents = documents.filter(is_public=True)
    return documents.order_by("kind", "title", "pk")


def document_get(*, group, pk):
    return Document.objects.select_related("group").filter(group=group, pk=pk).first()
