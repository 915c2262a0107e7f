"""Posts and proposals keep their Markdown rendered next to the source (`body_html`): written by
the services with the text, replaced when it is edited, rendered once and stored for rows written
in bulk (the seed), and as sanitised as rendering on every view was."""

import pytest
from django.urls import reverse

from coopportal.core.markdown import stored_markdown
from tests.helpers.queries import count_queries
from tests.workgroups.factories import (
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups.models import Post, Proposal
from workgroups.services import discussion as discussion_services
from workgroups.services import proposals as proposal_services

pytestmark = pytest.mark.django_db

HOSTILE = (
    "**Ciao** <script>alert('x')</script> <img src=x onerror=alert(1)> "
    '[clic](javascript:alert(1)) <a href="https://example.org" onclick="alert(1)">sito</a>'
)


def assert_inert(html):
    lowered = html.lower()
    for danger in ("<script", "onerror", "onclick", "javascript:", "<img"):
        assert danger not in lowered, (danger, html)


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def person(group):
    return MembershipFactory(group=group).user


def thread_url(thread):
    return reverse("workgroups:thread_detail", args=[thread.group.slug, thread.pk])


def test_a_new_post_stores_its_html_and_an_edit_replaces_it(group, person):
    thread = discussion_services.thread_create(
        group=group, by=person, title="Bandi", body="Primo **messaggio**"
    )
    post = Post.objects.get(thread=thread)
    assert post.body_html == "<p>Primo <strong>messaggio</strong></p>"
    discussion_services.post_edit(post=post, by=person, body="Secondo _messaggio_")
    post.refresh_from_db()
    assert post.body_html == "<p>Secondo <em>messaggio</em></p>"


def test_the_thread_page_shows_the_stored_html_after_an_edit(client, group, person):
    thread = discussion_services.thread_create(group=group, by=person, title="Bandi", body="Uno")
    post = Post.objects.get(thread=thread)
    client.force_login(person)
    assert "<p>Uno</p>" in client.get(thread_url(thread)).content.decode()
    discussion_services.post_edit(post=post, by=person, body="Due **volte**")
    html = client.get(thread_url(thread)).content.decode()
    assert "<p>Due <strong>volte</strong></p>" in html and "<p>Uno</p>" not in html


def test_a_new_proposal_stores_its_html_and_an_edit_replaces_it(group, person):
    proposal = proposal_services.proposal_create(
        group=group, by=person, title="Corsi", summary="Corsi.", body="# Perché\n\nServono."
    )
    assert "<h3" in proposal.body_html and "Perché" in proposal.body_html
    proposal_services.proposal_update(
        proposal=proposal, by=person, title="Corsi", summary="Corsi.", body="Ora **sì**."
    )
    proposal.refresh_from_db()
    assert proposal.body_html == "<p>Ora <strong>sì</strong>.</p>"


def test_rows_written_in_bulk_are_rendered_on_first_reading_and_stored(client, group, person):
    thread = ThreadFactory(group=group)
    Post.objects.bulk_create(
        [Post(thread=thread, author=person, body=f"Messaggio **{n}**") for n in range(5)]
    )
    assert not Post.objects.filter(body_html__isnull=False).exists()  # as the seed leaves them
    client.force_login(person)
    html = client.get(thread_url(thread)).content.decode()
    assert "Messaggio <strong>3</strong>" in html
    stored = set(Post.objects.values_list("body_html", flat=True))
    assert stored == {f"<p>Messaggio <strong>{n}</strong></p>" for n in range(5)}
    # once stored, reading renders nothing and writes nothing
    posts = list(Post.objects.all())
    assert count_queries(lambda: stored_markdown(posts)) == 0


def test_the_fallback_never_overwrites_an_edit_saved_meanwhile(group, person):
    post = PostFactory(thread=ThreadFactory(group=group), author=person, body="Vecchio")
    stale = Post.objects.get(pk=post.pk)  # read before the edit
    Post.objects.filter(pk=post.pk).update(body="Nuovo", body_html="<p>Nuovo</p>")
    stored_markdown([stale])
    assert Post.objects.get(pk=post.pk).body_html == "<p>Nuovo</p>"


def test_the_proposal_pages_render_a_bulk_row_once(client, board_client, group, person):
    proposal = ProposalFactory(group=group, forwarded=True, body="Testo **forte**")
    assert Proposal.objects.get(pk=proposal.pk).body_html is None
    page = reverse("board:recommendation_detail", args=[proposal.pk])
    assert "Testo <strong>forte</strong>" in board_client.get(page).content.decode()
    assert Proposal.objects.get(pk=proposal.pk).body_html == "<p>Testo <strong>forte</strong></p>"


def test_stored_html_stays_inert(client, group, person):
    thread = discussion_services.thread_create(group=group, by=person, title="Bandi", body=HOSTILE)
    post = Post.objects.get(thread=thread)
    assert_inert(post.body_html)
    assert "<strong>Ciao</strong>" in post.body_html
    assert 'href="https://example.org"' in post.body_html  # the safe link stays
    # and the bulk path (render on first reading) is as clean
    bulk = Post.objects.create(thread=thread, author=person, body=HOSTILE)
    assert bulk.body_html is None
    client.force_login(person)
    html = client.get(thread_url(thread)).content.decode()
    assert "<script>alert" not in html and "onerror=" not in html and "javascript:" not in html
    bulk.refresh_from_db()
    assert_inert(bulk.body_html)
    proposal = proposal_services.proposal_create(
        group=group, by=person, title="Corsi", summary="Corsi.", body=HOSTILE
    )
    assert_inert(proposal.body_html)
