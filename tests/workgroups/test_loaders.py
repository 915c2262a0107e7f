"""One loader per entity (Zulip's access_stream_by_id): "missing" and "not allowed" give the same
404, so nobody learns what exists by guessing addresses."""

import re

import pytest
from django.http import Http404

from board import selectors as board_selectors
from board.services import meetings as board_meeting_services
from tests.factories import UserFactory
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups import permissions
from workgroups.models import Document, Meeting
from workgroups.selectors.discussion import post_access, thread_access
from workgroups.selectors.documents import document_access
from workgroups.selectors.groups import group_access
from workgroups.selectors.meetings import meeting_access
from workgroups.selectors.proposals import proposal_access

pytestmark = pytest.mark.django_db


def _page(response, url) -> str:
    """The page without what changes on every request (its address, CSP nonce, CSRF token)."""
    text = response.content.decode().replace(url, "URL")
    return re.sub(r"[A-Za-z0-9+/=_-]{20,}", "", text)


def _same_404(missing, refused):
    with pytest.raises(Http404) as first:
        missing()
    with pytest.raises(Http404) as second:
        refused()
    assert str(first.value) == str(second.value)


@pytest.fixture
def insider():
    return MembershipFactory().user


@pytest.fixture
def group(insider):
    return insider.group_memberships.get().group


@pytest.fixture
def outsider():
    return UserFactory(member=True)


def test_group_access(group, insider, outsider):
    assert group_access(insider, group.slug) == group
    _same_404(lambda: group_access(insider, "nessuno"), lambda: group_access(outsider, group.slug))
    assert group_access(outsider, group.slug, need=None) == group  # the public group page
    _same_404(
        lambda: group_access(insider, "nessuno", need=None),
        lambda: group_access(insider, group.slug, need=permissions.can_upload_document),
    )


def test_meeting_access(group, insider, outsider):
    meeting = MeetingFactory(group=group)
    proposed = MeetingFactory(group=group, status=Meeting.Status.PROPOSED)
    assert meeting_access(insider, group.slug, meeting.pk) == meeting
    _same_404(
        lambda: meeting_access(insider, group.slug, meeting.pk + 1000),
        lambda: meeting_access(outsider, group.slug, meeting.pk),
    )
    _same_404(
        lambda: meeting_access(insider, WorkingGroupFactory().slug, meeting.pk),
        lambda: meeting_access(insider, group.slug, proposed.pk),
    )


def test_proposal_access(group, insider, outsider):
    draft = ProposalFactory(group=group, created_by=insider)
    assert proposal_access(insider, group.slug, draft.pk) == draft
    _same_404(
        lambda: proposal_access(insider, group.slug, draft.pk + 1000),
        lambda: proposal_access(outsider, group.slug, draft.pk),
    )
    published = ProposalFactory(group=group, published=True)
    _same_404(
        lambda: proposal_access(insider, "nessuno", published.pk),
        lambda: proposal_access(
            insider, group.slug, published.pk, need=permissions.can_edit_proposal
        ),
    )


def test_thread_and_post_access(group, insider, outsider):
    thread = ThreadFactory(group=group)
    post = PostFactory(thread=thread, author=insider)
    assert thread_access(insider, group.slug, thread.pk) == thread
    _same_404(
        lambda: thread_access(insider, group.slug, thread.pk + 1000),
        lambda: thread_access(outsider, group.slug, thread.pk),
    )
    assert post_access(insider, group.slug, post.pk, need=permissions.can_edit_post) == post
    other = PostFactory(thread=thread)
    _same_404(
        lambda: post_access(insider, group.slug, post.pk + 1000, need=permissions.can_edit_post),
        lambda: post_access(insider, group.slug, other.pk, need=permissions.can_edit_post),
    )
    _same_404(
        lambda: post_access(insider, "nessuno", post.pk, need=permissions.can_report_post),
        lambda: post_access(outsider, group.slug, post.pk, need=permissions.can_report_post),
    )


def test_document_access(group, insider, outsider):
    document = Document.objects.create(
        group=group, title="Verbale", file="documents/v.pdf", content_type="application/pdf", size=1
    )
    assert document_access(insider, group.slug, document.pk) == document
    _same_404(
        lambda: document_access(insider, group.slug, document.pk + 1000),
        lambda: document_access(outsider, group.slug, document.pk),
    )
    Document.objects.filter(pk=document.pk).update(is_public=True)
    assert document_access(outsider, group.slug, document.pk).pk == document.pk
    _same_404(
        lambda: document_access(insider, group.slug, document.pk + 1000),
        lambda: document_access(
            insider, group.slug, document.pk, need=permissions.can_delete_document
        ),
    )


def test_board_recommendation_get(board, member):
    forwarded = ProposalFactory(forwarded=True)
    draft = ProposalFactory()
    assert board_selectors.recommendation_get(board, forwarded.pk) == forwarded
    _same_404(
        lambda: board_selectors.recommendation_get(board, draft.pk),
        lambda: board_selectors.recommendation_get(member, forwarded.pk),
    )


def test_board_meeting_get(board, member):
    from datetime import timedelta

    from django.utils import timezone

    meeting = board_meeting_services.meeting_create(
        by=board, title="CdA", starts_at=timezone.now() + timedelta(days=2)
    )
    assert board_selectors.meeting_get(board, meeting.pk) == meeting
    _same_404(
        lambda: board_selectors.meeting_get(board, meeting.pk + 1000),
        lambda: board_selectors.meeting_get(member, meeting.pk),
    )


@pytest.mark.parametrize("name", ["meeting_detail", "proposal_detail", "thread_detail"])
def test_pages_answer_missing_and_not_allowed_alike(client, group, outsider, name):
    from django.urls import reverse

    objects = {
        "meeting_detail": lambda: MeetingFactory(group=group),
        "proposal_detail": lambda: ProposalFactory(group=group),
        "thread_detail": lambda: ThreadFactory(group=group),
    }
    obj = objects[name]()
    client.force_login(outsider)
    urls = [reverse(f"workgroups:{name}", args=[group.slug, pk]) for pk in (obj.pk, obj.pk + 1000)]
    refused, missing = (client.get(url) for url in urls)
    assert refused.status_code == missing.status_code == 404
    assert _page(refused, urls[0]) == _page(missing, urls[1])
