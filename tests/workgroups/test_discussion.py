from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.workgroups.factories import (
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups import notifications
from workgroups.exceptions import WorkgroupError
from workgroups.models import Post, PostReport, Thread, ThreadFollow
from workgroups.services import discussion as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def in_group(group, member):
    MembershipFactory(group=group, user=member)
    return member


@pytest.fixture
def colleague(group):
    return MembershipFactory(group=group).user


@pytest.fixture
def thread(group, colleague):
    return services.thread_create(group=group, by=colleague, title="Bandi", body="Primo messaggio")


def url(name, *args):
    return reverse(f"workgroups:{name}", args=args)


# --- services ---------------------------------------------------------------------------------


def test_thread_create_writes_thread_first_post_and_follow(group, in_group):
    thread = services.thread_create(group=group, by=in_group, title=" Titolo ", body="Ciao")
    assert thread.title == "Titolo"
    assert thread.posts_count == 1 and thread.last_post_at is not None
    assert thread.posts.get().author == in_group
    assert ThreadFollow.objects.filter(thread=thread, user=in_group).exists()


@pytest.mark.parametrize(
    ("title", "body"), [("", "testo"), ("titolo", "   "), ("t" * 201, "x"), ("t", "x" * 20001)]
)
def test_thread_create_refuses_bad_input_and_writes_nothing(group, in_group, title, body):
    with pytest.raises(WorkgroupError):
        services.thread_create(group=group, by=in_group, title=title, body=body)
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_thread_create_refuses_people_outside_the_group(group, member, staff):
    MembershipFactory(group=group, user=UserFactory(member=True), pending=True)
    for person in (member, staff):
        with pytest.raises(WorkgroupError):
            services.thread_create(group=group, by=person, title="t", body="b")
    assert not Thread.objects.exists()


def test_post_create_counts_follows_and_notifies_followers_but_the_author(
    thread, in_group, colleague
):
    other = MembershipFactory(group=thread.group).user
    services.thread_follow(thread=thread, by=other, follow=True)
    before = thread.last_post_at
    post = services.post_create(thread=thread, by=in_group, body="Risposta")
    thread.refresh_from_db()
    assert thread.posts_count == 2 and thread.last_post_at >= before
    assert ThreadFollow.objects.filter(thread=thread, user=in_group).exists()
    notified = set(
        Notification.objects.filter(kind=notifications.NEW_POST.name).values_list(
            "recipient_id", flat=True
        )
    )
    assert notified == {colleague.pk, other.pk}
    assert post.author == in_group


def test_post_create_refuses_locked_threads_and_outsiders(thread, in_group, member, staff):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    with pytest.raises(WorkgroupError):
        services.post_create(thread=thread, by=in_group, body="Risposta")
    Thread.objects.filter(pk=thread.pk).update(is_locked=False)
    with pytest.raises(WorkgroupError):
        services.post_create(thread=thread, by=staff, body="Risposta")
    with pytest.raises(WorkgroupError):
        services.post_create(thread=thread, by=in_group, body="")
    thread.refresh_from_db()
    assert thread.posts_count == 1 and thread.posts.count() == 1


def test_post_edit_only_by_the_author_within_the_window(thread, colleague, in_group, settings):
    post = thread.posts.get()
    with pytest.raises(WorkgroupError):
        services.post_edit(post=post, by=in_group, body="Modificato")
    services.post_edit(post=post, by=colleague, body="Modificato")
    post.refresh_from_db()
    assert post.body == "Modificato" and post.edited_at is not None
    past = timezone.now() - timedelta(minutes=settings.WORKGROUPS_EDIT_WINDOW_MINUTES + 1)
    Post.objects.filter(pk=post.pk).update(created_at=past)
    with pytest.raises(WorkgroupError):
        services.post_edit(post=post, by=colleague, body="Troppo tardi")
    post.refresh_from_db()
    assert post.body == "Modificato"


def test_post_report_once_per_person_and_staff_are_told(thread, in_group, staff, colleague):
    post = thread.posts.get()
    report = services.post_report(post=post, by=in_group, reason="Offensivo")
    assert report.status == PostReport.Status.OPEN
    assert Notification.objects.filter(
        kind=notifications.POST_REPORTED.name, recipient=staff
    ).exists()
    with pytest.raises(WorkgroupError) as caught:
        services.post_report(post=post, by=in_group, reason="Ancora")
    assert caught.value.code == "already"
    with pytest.raises(WorkgroupError):  # one's own post
        services.post_report(post=post, by=colleague, reason="Mio")
    with pytest.raises(WorkgroupError):  # empty reason
        services.post_report(post=post, by=MembershipFactory(group=thread.group).user, reason="")
    assert PostReport.objects.count() == 1


def test_post_report_resolve_hides_or_dismisses_once(thread, in_group, staff):
    post = thread.posts.get()
    report = services.post_report(post=post, by=in_group, reason="Offensivo")
    with pytest.raises(WorkgroupError):
        services.post_report_resolve(report=report, by=in_group, hide=True, note="no")
    services.post_report_resolve(report=report, by=staff, hide=True, note="Linguaggio")
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.status == PostReport.Status.ACTIONED and report.handled_by == staff
    assert post.is_hidden
    with pytest.raises(WorkgroupError):
        services.post_report_resolve(report=report, by=staff, hide=False, note="")
    other = services.post_report(
        post=post, by=MembershipFactory(group=thread.group).user, reason="Spam"
    )
    services.post_report_resolve(report=other, by=staff, hide=False, note="Già nascosto")
    other.refresh_from_db()
    assert other.status == PostReport.Status.DISMISSED


def test_thread_follow_and_unfollow(thread, in_group, member):
    services.thread_follow(thread=thread, by=in_group, follow=True)
    services.thread_follow(thread=thread, by=in_group, follow=True)
    assert ThreadFollow.objects.filter(thread=thread, user=in_group).count() == 1
    services.thread_follow(thread=thread, by=in_group, follow=False)
    assert not ThreadFollow.objects.filter(thread=thread, user=in_group).exists()


# --- views: refusals --------------------------------------------------------------------------


def test_visitors_are_sent_to_login(client, thread):
    group = thread.group
    for target in (
        url("thread_list", group.slug),
        url("thread_create", group.slug),
        url("thread_detail", group.slug, thread.pk),
    ):
        response = client.get(target)
        assert response.status_code == 302 and "login" in response.url


def test_outsiders_and_guessed_urls_get_404(client, thread, member, participant):
    group = thread.group
    post = thread.posts.get()
    other_group = WorkingGroupFactory()
    MembershipFactory(group=other_group, user=member)
    client.force_login(member)
    for target in (
        url("thread_list", group.slug),
        url("thread_create", group.slug),
        url("thread_detail", group.slug, thread.pk),
        url("thread_detail", other_group.slug, thread.pk),  # a thread of another group
        url("post_edit", other_group.slug, post.pk),
        url("post_report", other_group.slug, post.pk),
        url("post_report", group.slug, post.pk),
        url("thread_detail", group.slug, 999999),
    ):
        assert client.get(target).status_code == 404, target
    response = client.post(url("thread_detail", group.slug, thread.pk), {"body": "intruso"})
    assert response.status_code == 404
    response = client.post(url("thread_follow", group.slug, thread.pk), {"follow": "1"})
    assert response.status_code == 404
    assert thread.posts.count() == 1 and not ThreadFollow.objects.filter(user=member).exists()


def test_someone_elses_post_cannot_be_edited(client, thread, in_group):
    client.force_login(in_group)
    post = thread.posts.get()
    assert client.get(url("post_edit", thread.group.slug, post.pk)).status_code == 404
    response = client.post(url("post_edit", thread.group.slug, post.pk), {"body": "x"})
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.body == "Primo messaggio"


# --- views: the journey -----------------------------------------------------------------------


def test_member_starts_a_thread_and_replies(client, group, in_group):
    client.force_login(in_group)
    assert client.get(url("thread_create", group.slug)).status_code == 200
    response = client.post(url("thread_create", group.slug), {"title": "Idee", "body": "Ciao"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    response = client.post(url("thread_detail", group.slug, thread.pk), {"body": "Seconda"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.posts_count == 2
    page = client.get(response.url)
    assert page.status_code == 200 and "Seconda" in page.content.decode()


@pytest.mark.parametrize(
    "data", [{"title": "", "body": "x"}, {"title": "x", "body": ""}, {"title": "x" * 201}]
)
def test_thread_create_bad_input_is_a_400_and_writes_nothing(client, group, in_group, data):
    client.force_login(in_group)
    response = client.post(url("thread_create", group.slug), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Thread.objects.exists()


def test_reply_bad_input_is_a_400(client, thread, in_group):
    client.force_login(in_group)
    for body in ("", "x" * 20001):
        response = client.post(url("thread_detail", thread.group.slug, thread.pk), {"body": body})
        assert response.status_code == 400
    assert thread.posts.count() == 1


def test_script_in_a_post_comes_out_inert(client, thread, in_group):
    client.force_login(in_group)
    body = 'Ciao <script>alert("x")</script> **forte** <img src=x onerror=alert(1)>'
    client.post(url("thread_detail", thread.group.slug, thread.pk), {"body": body})
    html = client.get(url("thread_detail", thread.group.slug, thread.pk)).content.decode()
    assert "<strong>forte</strong>" in html
    assert 'alert("x")</script>' not in html and "onerror" not in html


def test_locked_thread_refuses_replies(client, thread, in_group):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(in_group)
    page = client.get(url("thread_detail", thread.group.slug, thread.pk))
    assert page.context["form"] is None
    response = client.post(url("thread_detail", thread.group.slug, thread.pk), {"body": "No"})
    assert response.status_code == 302
    assert thread.posts.count() == 1


def test_hidden_posts_show_their_text_to_staff_only(client, thread, in_group, staff):
    Post.objects.filter(thread=thread).update(is_hidden=True)
    client.force_login(in_group)
    html = client.get(url("thread_detail", thread.group.slug, thread.pk)).content.decode()
    assert "Primo messaggio" not in html
    client.force_login(staff)
    html = client.get(url("thread_detail", thread.group.slug, thread.pk)).content.decode()
    assert "Primo messaggio" in html


def test_author_edits_a_post_through_the_view(client, thread, colleague):
    client.force_login(colleague)
    post = thread.posts.get()
    assert client.get(url("post_edit", thread.group.slug, post.pk)).status_code == 200
    assert (
        client.post(url("post_edit", thread.group.slug, post.pk), {"body": ""}).status_code == 400
    )
    response = client.post(url("post_edit", thread.group.slug, post.pk), {"body": "Nuovo"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Nuovo"


def test_report_through_the_view_twice_gives_a_form_error(client, thread, in_group):
    client.force_login(in_group)
    post = thread.posts.get()
    target = url("post_report", thread.group.slug, post.pk)
    assert client.get(target).status_code == 200
    assert client.post(target, {"reason": ""}).status_code == 400
    assert client.post(target, {"reason": "Offensivo"}).status_code == 302
    response = client.post(target, {"reason": "Ancora"})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert PostReport.objects.count() == 1


def test_follow_with_htmx_and_without(client, thread, in_group):
    client.force_login(in_group)
    target = url("thread_follow", thread.group.slug, thread.pk)
    response = client.post(target, {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'name="follow" value="0"' in response.content.decode()
    assert ThreadFollow.objects.filter(thread=thread, user=in_group).exists()
    response = client.post(target, {"follow": "0"})
    assert response.status_code == 302
    assert not ThreadFollow.objects.filter(thread=thread, user=in_group).exists()
    assert client.get(target).status_code == 405


def test_posts_are_paginated_and_last_page_is_reachable(client, thread, in_group):
    PostFactory.create_batch(24, thread=thread)
    client.force_login(in_group)
    target = url("thread_detail", thread.group.slug, thread.pk)
    assert len(client.get(target).context["page"].object_list) == 20
    last = client.get(target + "?page=last").context["page"]
    assert last.number == 2 and len(last.object_list) == 5
    assert client.get(target + "?page=abc").status_code == 200


def test_thread_list_newest_activity_first(client, group, in_group):
    old = ThreadFactory(group=group, last_post_at=timezone.now() - timedelta(days=3))
    new = ThreadFactory(group=group, last_post_at=timezone.now())
    client.force_login(in_group)
    page = client.get(url("thread_list", group.slug)).context["page"]
    assert list(page.object_list) == [new, old]


def test_group_page_shows_the_latest_threads(client, thread, in_group):
    client.force_login(in_group)
    response = client.get(thread.group.get_absolute_url())
    assert response.status_code == 200
    assert thread.title in response.content.decode()


# --- query counts -----------------------------------------------------------------------------


def _ok(client, target):
    def fetch():
        assert client.get(target).status_code == 200

    return fetch


def test_thread_list_query_count_does_not_grow(client, group, in_group, assert_flat_queries):
    client.force_login(in_group)
    assert_flat_queries.check(
        _ok(client, url("thread_list", group.slug)),
        lambda n: ThreadFactory.create_batch(n, group=group),
        few=2,
        many=30,
    )


def test_thread_page_query_count_does_not_grow(client, thread, in_group, assert_flat_queries):
    client.force_login(in_group)
    PostFactory(thread=thread, author=in_group)
    fetch = _ok(client, url("thread_detail", thread.group.slug, thread.pk))

    def grow(n):
        PostFactory.create_batch(n, thread=thread)
        fetch()  # rows written in bulk: their HTML is rendered and stored on the first reading

    count = assert_flat_queries.check(fetch, grow, few=0, many=25)
    assert count <= 25


# --- admin ------------------------------------------------------------------------------------


def test_admin_report_queue_hides_posts_with_a_note(superuser_client, thread, in_group):
    report = services.post_report(post=thread.posts.get(), by=in_group, reason="Offensivo")
    changelist = reverse("admin:workgroups_postreport_changelist")
    assert superuser_client.get(changelist + "?status=open").status_code == 200
    assert (
        superuser_client.get(
            reverse("admin:workgroups_postreport_change", args=[report.pk])
        ).status_code
        == 200
    )
    data = {"action": "hide_posts", "_selected_action": [report.pk]}
    page = superuser_client.post(changelist, data)
    assert page.status_code == 200 and "reason" in page.context["form"].fields
    response = superuser_client.post(changelist, {**data, "apply": "1", "reason": "Insulti"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == PostReport.Status.ACTIONED and report.staff_note == "Insulti"
    assert Post.objects.get(pk=report.post_id).is_hidden


def test_admin_dismiss_needs_a_note(superuser_client, thread, in_group):
    report = services.post_report(post=thread.posts.get(), by=in_group, reason="Offensivo")
    changelist = reverse("admin:workgroups_postreport_changelist")
    data = {"action": "dismiss", "_selected_action": [report.pk], "apply": "1", "reason": ""}
    assert superuser_client.post(changelist, data).status_code == 200  # asks again
    report.refresh_from_db()
    assert report.status == PostReport.Status.OPEN
    superuser_client.post(changelist, {**data, "reason": "Non offensivo"})
    report.refresh_from_db()
    assert report.status == PostReport.Status.DISMISSED
    assert not Post.objects.get(pk=report.post_id).is_hidden


def test_admin_thread_and_post_lists_render(superuser_client, thread):
    assert superuser_client.get(reverse("admin:workgroups_thread_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:workgroups_post_changelist")).status_code == 200
    changelist = reverse("admin:workgroups_thread_changelist")
    superuser_client.post(
        changelist,
        {"action": "lock", "_selected_action": [thread.pk], "apply": "1", "reason": "Chiusa"},
    )
    thread.refresh_from_db()
    assert thread.is_locked


def test_empty_posts_to_every_form_are_400s(client, thread, in_group, colleague):
    post = thread.posts.get()
    slug = thread.group.slug
    client.force_login(in_group)
    assert client.post(url("thread_create", slug)).status_code == 400
    assert client.post(url("thread_detail", slug, thread.pk)).status_code == 400
    assert client.post(url("post_report", slug, post.pk)).status_code == 400
    client.force_login(colleague)
    assert client.post(url("post_edit", slug, post.pk)).status_code == 400
    assert Thread.objects.count() == 1 and Post.objects.count() == 1
    assert not PostReport.objects.exists()


def test_closed_groups_refuse_new_threads(group, in_group):
    group.is_active = False
    group.save(update_fields=["is_active"])
    with pytest.raises(WorkgroupError):
        services.thread_create(group=group, by=in_group, title="t", body="b")
