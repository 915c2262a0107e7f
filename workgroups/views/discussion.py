"""Discussion: the threads of a group, their posts, following, editing and reporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.http import act, act_on_form, form_status
from coopportal.core.markdown import stored_markdown
from coopportal.core.ratelimit import limit_writes

from .. import permissions
from ..forms.discussion import PostForm, ReportForm, ThreadForm
from ..selectors import discussion as selectors
from ..selectors import groups as group_selectors
from ..services import discussion as services

PAGE_SIZE = 20


def _data(request):
    """POST data when posting, even empty: the form is then bound and says what is missing."""
    return request.POST if request.method == "POST" else None


def _post_url(post):
    page = selectors.post_position(post=post) // PAGE_SIZE + 1
    return f"{post.thread.get_absolute_url()}?page={page}#post-{post.pk}"


def group_section(request, group):
    return {
        "template": "workgroups/partials/_discussion_section.html",
        "threads": list(selectors.thread_list(group=group)[:5]),
        "can_start": permissions.can_start_thread(request.user, group),
    }


@login_required
def thread_list(request, slug):
    group = group_selectors.group_access(request.user, slug)
    threads = selectors.thread_list(group=group, user=request.user)
    page = Paginator(threads, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "group": group,
        "page": page,
        "can_start": permissions.can_start_thread(request.user, group),
    }
    return render(request, "workgroups/thread_list.html", context)


@login_required
@limit_writes("posts")
def thread_create(request, slug):
    group = group_selectors.group_access(request.user, slug)
    if not permissions.can_start_thread(request.user, group):
        raise Http404
    form = ThreadForm(_data(request))
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: services.thread_create(group=group, by=request.user, **data),
            success=_("The discussion has started."),
        )
    ):
        return redirect(done.value)
    context = {"group": group, "form": form}
    return render(request, "workgroups/thread_form.html", context, status=form_status(form))


@login_required
@limit_writes("posts")
def thread_detail(request, slug, pk):
    """The thread's posts, 20 a page, and the reply form (POST here to reply)."""
    thread = selectors.thread_access(request.user, slug, pk)
    user = request.user
    can_post = permissions.can_post_in_thread(user, thread)
    form = PostForm(_data(request))
    if request.method == "POST":
        if not permissions.is_group_member(user, thread):
            raise Http404
        if not can_post:
            messages.error(request, _("This discussion is closed to new messages."))
            return redirect(thread)
        if done := act_on_form(
            request,
            form,
            lambda body: services.post_create(thread=thread, by=user, body=body),
            success=_("Your message has been published."),
        ):
            return redirect(_post_url(done.value))
    paginator = Paginator(selectors.post_list(thread=thread, user=user), PAGE_SIZE)
    number = paginator.num_pages if request.GET.get("page") == "last" else request.GET.get("page")
    page = paginator.get_page(number)
    is_staff = permissions.is_staff_member(user)
    stored_markdown(page.object_list)  # rows written in bulk: rendered once, here
    for post in page:
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_report = permissions.can_report_post(user, post) and not post.reported_by_me
        post.shows_body = not post.is_hidden or is_staff
        post.html = mark_safe(post.body_html) if post.shows_body else ""  # noqa: S308 - nh3  # nosec B308 B703
    context = {
        "group": thread.group,
        "thread": thread,
        "page": page,
        "form": form if can_post else None,
        "can_follow": permissions.can_follow_thread(user, thread),
        "is_following": selectors.is_following(thread=thread, user=user),
    }
    return render(request, "workgroups/thread_detail.html", context, status=form_status(form))


@login_required
def post_edit(request, slug, pk):
    post = selectors.post_access(request.user, slug, pk, need=permissions.can_edit_post)
    form = PostForm(_data(request), initial={"body": post.body})
    if request.method == "POST" and act_on_form(
        request,
        form,
        lambda body: services.post_edit(post=post, by=request.user, body=body),
        success=_("Your message has been updated."),
    ):
        return redirect(_post_url(post))
    context = {"group": post.thread.group, "thread": post.thread, "post": post, "form": form}
    return render(request, "workgroups/post_form.html", context, status=form_status(form))


@login_required
def post_report(request, slug, pk):
    post = selectors.post_access(request.user, slug, pk, need=permissions.can_report_post)
    form = ReportForm(_data(request))
    if request.method == "POST" and act_on_form(
        request,
        form,
        lambda reason: services.post_report(post=post, by=request.user, reason=reason),
        success=_("Thank you: the staff will look at this message."),
    ):
        return redirect(_post_url(post))
    context = {"group": post.thread.group, "thread": post.thread, "post": post, "form": form}
    return render(request, "workgroups/post_report_form.html", context, status=form_status(form))


@login_required
@require_POST
def thread_follow(request, slug, pk):
    thread = selectors.thread_access(request.user, slug, pk)
    if not permissions.can_follow_thread(request.user, thread):
        raise Http404
    follow = request.POST.get("follow") == "1"
    done = act(
        request,
        lambda: services.thread_follow(thread=thread, by=request.user, follow=follow),
        success=None,
    )
    if not done:
        return redirect(thread)
    following = done.value
    if request.htmx:
        context = {"group": thread.group, "thread": thread, "is_following": following}
        return render(request, "workgroups/partials/_follow_button.html", context)
    if following:
        messages.success(request, _("You follow this discussion."))
    else:
        messages.success(request, _("You no longer follow this discussion."))
    return redirect(thread)


urlpatterns = [
    path("<slug:slug>/discussion/", thread_list, name="thread_list"),
    path("<slug:slug>/discussion/new/", thread_create, name="thread_create"),
    path("<slug:slug>/discussion/<int:pk>/", thread_detail, name="thread_detail"),
    path("<slug:slug>/discussion/<int:pk>/follow/", thread_follow, name="thread_follow"),
    path("<slug:slug>/discussion/posts/<int:pk>/edit/", post_edit, name="post_edit"),
    path("<slug:slug>/discussion/posts/<int:pk>/report/", post_report, name="post_report"),
]
