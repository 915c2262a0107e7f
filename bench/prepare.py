"""Before the load: the people and pages of the run, as JSON on stdout.

Run under the bench settings against the running server's database and Redis (bench/full.py does
it). Logs in real people of the seed — a pool of members with matching profiles (one for each
simulated user), the coordinator of the busiest working group, a person registered at the busiest
matching event, a board member (given an authenticator app first, as the board area asks) — by
creating their sessions in the sessions' store (Redis), as a login would. Then picks the pages'
objects (the busiest of each kind) and counts the main tables' rows.
"""

import json
import os
import sys

import django


def sessions_for(users):
    from django.test import Client

    keys = []
    for user in users:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        keys.append(client.cookies["sessionid"].value)
    return keys


def enrol_second_factor(users):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    for user in users:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())


def people(pool_size):
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from community.events.models import MatchingEvent, Registration, RegistrationStatus
    from coopportal.accounts.models import User
    from coopportal.accounts.permissions import BOARD_GROUP
    from workgroups.models import WorkingGroup

    members = list(
        User.objects.filter(
            membership_verified_at__isnull=False, is_active=True, matching_profile__isnull=False
        ).order_by("pk")[:pool_size]
    )
    if not members:
        members = [User.objects.get(email="socia@demo.coop")]
    group = WorkingGroup.objects.annotate(n=Count("proposals")).order_by("-n", "pk").first()
    coordinator = group.memberships.filter(role="coordinator", status="active").first()
    event = (
        MatchingEvent.objects.filter(status="published")
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
    )
    participant = None
    if event is not None:
        registration = (
            Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
            .order_by("pk")
            .first()
        )
        participant = registration.user if registration else None
    board_group = Group.objects.get(name=BOARD_GROUP)
    board = list(board_group.user_set.filter(is_active=True, is_superuser=False).order_by("pk")[:5])
    if not board:
        board = [User.objects.get(email="cda@demo.coop")]
    enrol_second_factor(board)
    return {
        "member": members,
        "coordinator": [coordinator.user if coordinator else members[0]],
        "participant": [participant or User.objects.get(email="staff@demo.coop")],
        "board": board,
    }, {"group": group, "event": event}


def pages(objects):
    from django.db.models import Count

    from calls.models import FundingCall
    from spaces.models import Space
    from training.models import Course
    from workgroups.models import Proposal, Thread

    group, event = objects["group"], objects["event"]
    found = {
        "home": ("member", "GET", "/"),
        "dashboard": ("member", "GET", "/dashboard/"),
        "group list": ("member", "GET", "/groups/"),
        "group page": ("coordinator", "GET", group.get_absolute_url()),
    }
    thread = Thread.objects.filter(group=group).order_by("-posts_count", "pk").first()
    if thread:
        found["thread"] = ("coordinator", "GET", thread.get_absolute_url())
    proposal = (
        Proposal.objects.filter(group=group, status="published")
        .order_by("-endorsements_count", "pk")
        .first()
    )
    if proposal:
        found["proposal page"] = ("coordinator", "GET", proposal.get_absolute_url())
    found["calls list"] = ("member", "GET", "/calls/")
    found["calls search"] = ("member", "GET", "/calls/?q=cultura")
    found["calls for me"] = ("member", "GET", "/calls/per-me/")
    call = (
        FundingCall.objects.filter(is_published=True)
        .annotate(n=Count("deadlines", distinct=True) + Count("documents", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if call:
        found["call detail"] = ("member", "GET", call.get_absolute_url())
    found["course list"] = ("member", "GET", "/training/")
    course = (
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .annotate(n=Count("enrolments"))
        .order_by("-n", "pk")
        .first()
    )
    if course:
        found["course page"] = ("member", "GET", course.get_absolute_url())
        found["enrolment (POST)"] = ("member", "POST", f"/training/corsi/{course.pk}/iscriviti/")
    found["directory search"] = ("member", "GET", "/matching/directory/?q=contabilita")
    found["suggestions"] = ("member", "GET", "/matching/suggestions/")
    if event:
        catalogue = f"/community/events/{event.pk}/catalogue/"
        found["event catalogue"] = ("participant", "GET", catalogue)
    space = Space.objects.annotate(n=Count("resources")).order_by("-n", "pk").first()
    if space:
        found["space calendar"] = ("member", "GET", space.get_absolute_url())
    found["toolbox"] = ("member", "GET", "/community/toolbox/")
    found["notifications"] = ("member", "GET", "/notifications/")
    found["board dashboard"] = ("board", "GET", "/board/")
    found["figures"] = ("board", "GET", "/board/figures/")
    return [
        {"name": name, "persona": persona, "method": method, "path": path}
        for name, (persona, method, path) in found.items()
    ]


TABLES = {
    "people": "accounts_user",
    "matching profiles": "matching_profile",
    "working groups": "workgroups_workinggroup",
    "posts": "workgroups_post",
    "proposals": "workgroups_proposal",
    "endorsements": "workgroups_endorsement",
    "funding calls": "calls_fundingcall",
    "applications": "calls_application",
    "courses": "training_course",
    "enrolments": "training_enrolment",
    "notifications": "notifications_notification",
}


def data_sizes():
    from django.db import connection

    sizes = {}
    with connection.cursor() as cursor:
        for label, table in TABLES.items():
            cursor.execute("SELECT to_regclass(%s)", [table])
            if cursor.fetchone()[0] is None:
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names above)
            sizes[label] = cursor.fetchone()[0]
    return sizes


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.bench")
    django.setup()
    from django.db import connection

    pool_size = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    who, objects = people(pool_size)
    sessions = {persona: sessions_for(users) for persona, users in who.items()}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    json.dump(
        {
            "sessions": sessions,
            "people": {persona: [u.email for u in users][:3] for persona, users in who.items()},
            "pages": pages(objects),
            "data_sizes": data_sizes(),
            "postgres": postgres,
            "django": django.get_version(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
