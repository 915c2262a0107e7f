from django.db.models import Exists, F, IntegerField, OuterRef, Value

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.http import get_or_404

from ..models import Post, PostReport, Thread, ThreadFollow
from .groups import group_access


def thread_list(*, group, user=None):
    """A group's threads, newest activity first, with whether the person follows each."""
    threads = Thread.objects.filter(group=group).select_related("created_by")
    if user is not None and is_authenticated(user):
        threads = threads.annotate(
            is_followed=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user=user))
        )
    return threads.order_by(F("last_post_at").desc(nulls_last=True), "-pk")


def thread_get(*, group, pk):
    return Thread.objects.select_related("group", "created_by").filter(group=group, pk=pk).first()


def thread_access(user, slug, pk) -> Thread:
    """Thread `pk` of the group at `slug`, for whoever may see the group's content; a 404 for
    "missing" and "not allowed" alike."""
    return get_or_404(thread_get(group=group_access(user, slug), pk=pk))


def is_following(*, thread, user) -> bool:
    return ThreadFollow.objects.filter(thread=thread, user=user).exists()


def post_list(*, thread, user):
    """A thread's posts in order, each with its group id (for the predicates) and whether the
    person already reported it."""
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author")
        .annotate(group_id=Value(thread.group_id, output_field=IntegerField()))
    )
    if is_authenticated(user):
        posts = posts.annotate(
            reported_by_me=Exists(PostReport.objects.filter(post=OuterRef("pk"), reporter=user))
        )
    return posts.order_by("created_at", "pk")


def post_get(*, group, pk):
    return (
        Post.objects.select_related("thread__group", "author")
        .annotate(group_id=F("thread__group_id"))
        .filter(pk=pk, thread__group=group)
        .first()
    )


def post_access(user, slug, pk, *, need) -> Post:
    """Post `pk` in the group at `slug`, for whoever may see the group's content and passes
    `need(user, post)`; a 404 for "missing" and "not allowed" alike."""
    post = post_get(group=group_access(user, slug), pk=pk)
    return get_or_404(post, allowed=need, user=user)


def post_position(*, post) -> int:
    """How many posts come before this one in its thread (to find its page)."""
    return Post.objects.filter(thread_id=post.thread_id, pk__lt=post.pk).count()
