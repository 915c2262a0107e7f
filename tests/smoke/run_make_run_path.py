"""The `make run` path, end to end, in one process: SQLite, tasks inline, the demo data.

Run by tests/smoke/test_make_run_path.py with DATABASE_URL pointing at an empty SQLite file and
REDIS_URL unset (what `make run` does). It migrates, seeds the demo data, downloads every export
once as the board (CSV, XLSX, PDF dossier, a kept export built by the inline task, the meeting
packs, an assembly report) and opens each file; then it visits every page the URL resolver knows —
patterns without arguments, and those with arguments filled from the demo objects — as every role.
Any 5xx, exception or empty file makes it exit 1 with the list; a URL pattern it cannot fill does
too (teach FILLERS about it). The last line is a JSON summary.
"""

import csv
import io
import json
import os
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopportal.settings.local")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

ROLES = {
    "visitor": None,
    "participant": "partecipante@demo.coop",
    "candidate": "candidato@demo.coop",
    "member": "socia@demo.coop",
    "coordinator": "coordinatore@demo.coop",
    "staff": "staff@demo.coop",
    "board": "cda@demo.coop",
    "superuser": "admin@demo.coop",
}
# <time datetime="…">: HTML's valid date, or global date and time (at most 3 decimals, offset)
HTML_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?"
)
MAX_SETS = 2  # argument sets per pattern, but for detail pages
DATETIME_ATTR = re.compile(r'<time[^>]*\sdatetime="([^"]*)"')

problems: list[str] = []


def log_in(client: Client, user) -> None:
    """The one way this script logs a person in. Staff, board and superusers may need a TOTP
    authenticator before /admin/ and /board/ (allauth.mfa): give them an active one first."""
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
    client.force_login(user)


def client_for(role: str) -> Client:
    from coopportal.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    if ROLES[role]:
        log_in(client, User.objects.get(email=ROLES[role]))
    return client


def fetch(client: Client, url: str, *, label: str, method="get", data=None):
    """One request; its whole body read (streams too). None, and a problem noted, on a 5xx."""
    try:
        response = getattr(client, method)(url, data or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    except Exception:  # every failure is reported, with its traceback
        problems.append(f"{label} {url}: exception\n{traceback.format_exc(limit=-6)}")
        return None, b""
    if response.status_code >= 500:
        problems.append(f"{label} {url}: {response.status_code}")
        return None, b""
    return response, body


def expect(condition: bool, message: str) -> None:
    if not condition:
        problems.append(message)


# Exports ----------------------------------------------------------------------------------------


def check_pdf(data: bytes, label: str) -> None:
    from pypdf import PdfReader

    try:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    except Exception as exc:
        problems.append(f"{label}: not a PDF ({exc})")
        return
    expect(len(text.split()) > 10, f"{label}: a PDF without text")


def check_csv(data: bytes, label: str) -> None:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    expect(len(rows) > 1, f"{label}: {len(rows)} CSV row(s), no data")


def check_xlsx(data: bytes, label: str) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception as exc:
        problems.append(f"{label}: not an XLSX ({exc})")
        return
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    expect(len(rows) > 1, f"{label}: {len(rows)} XLSX row(s), no data")


CHECKS = {"csv": check_csv, "xlsx": check_xlsx, "pdf": check_pdf}


def download_exports() -> int:
    from board.models import BoardMeeting, ReportRun

    board = client_for("board")
    files = 0
    for format, check in CHECKS.items():
        response, body = fetch(board, reverse("board:export_start", args=[format]), label=format)
        if response is not None:
            expect(response.status_code == 200, f"export {format}: {response.status_code}")
            check(body, f"export {format}")
            files += 1
    # a kept export, as a large one is built: by the task (inline with `make run`), then downloaded
    settings.BOARD_EXPORT_ASYNC_ABOVE = 0
    response, _body = fetch(board, reverse("board:export_start", args=["csv"]), label="job")
    settings.BOARD_EXPORT_ASYNC_ABOVE = 300
    if response is not None:
        expect(response.status_code == 302, f"export job: {response.status_code}")
        detail = response["Location"]
        fetch(board, detail, label="job")
        response, body = fetch(board, detail + "download/", label="job")
        if response is not None:
            expect(response.status_code == 200, f"export job download: {response.status_code}")
            check_csv(body, "export job")
            files += 1
    meetings = list(BoardMeeting.objects.all())
    expect(bool(meetings), "the demo data has no board meeting")
    for meeting in meetings:
        url = reverse("board:meeting_pack", args=[meeting.pk])
        response, body = fetch(board, url, label="pack")
        if response is not None:
            expect(response.status_code == 200, f"pack {url}: {response.status_code}")
            check_pdf(body, f"pack {url}")
            files += 1
    today = timezone.localdate()
    response, _body = fetch(
        board,
        reverse("board:report_create"),
        label="report",
        method="post",
        data={"start": f"{today.year - 1}-01-01", "end": today.isoformat()},
    )
    run = None
    if response is not None:
        expect(response.status_code == 302, f"report: {response.status_code}")
        run = ReportRun.objects.order_by("-pk").first()
        expect(run is not None and run.status == ReportRun.Status.DONE, f"report run: {run}")
    if run is not None:
        response, body = fetch(
            board, reverse("board:report_download", args=[run.pk]), label="report"
        )
        if response is not None:
            expect(response.status_code == 200, f"report download: {response.status_code}")
            check_pdf(body, "report")
            files += 1
            upload_a_document(body)
    return files


def upload_a_document(pdf: bytes) -> None:
    """The demo data has no document: the coordinator uploads one (the report's PDF) to a group
    they coordinate, so the document pages are visited too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workgroups.models import Document, GroupMembership

    membership = GroupMembership.objects.select_related("group").filter(
        user__email=ROLES["coordinator"], role="coordinator", status="active"
    )[0]
    url = reverse("workgroups:document_upload", args=[membership.group.slug])
    upload = SimpleUploadedFile("verbale.pdf", pdf, content_type="application/pdf")
    data = {"title": "Verbale", "kind": Document.Kind.values[0], "file": upload}
    response, _body = fetch(
        client_for("coordinator"), url, label="upload", method="post", data=data
    )
    expect(response is not None and response.status_code == 302, f"upload: {response}")
    expect(Document.objects.exists(), "the coordinator's document was not saved")


# Every page -------------------------------------------------------------------------------------


def patterns(resolvers=None, prefix="", namespace=""):
    """(name, route, argument names) of every URL pattern, namespaces joined."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), set(entry.pattern.regex.groupindex)


def in_group(obj, group=None) -> dict:
    return {"slug": (group or obj.group).slug, "pk": obj.pk}


def fillers() -> dict:
    """URL name → the argument sets to visit it with, from the demo objects."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.contenttypes.models import ContentType

    from board.models import AgendaEntry, BoardMeeting, ExportJob, ReportRun
    from coopportal.accounts import your_data
    from coopportal.accounts.models import User
    from coopportal.notifications.emails import unsubscribe_token
    from coopportal.notifications.models import Notification
    from workgroups.models import (
        Document,
        GroupMembership,
        Meeting,
        Post,
        Proposal,
        ProposalAuthor,
        Thread,
        WorkingGroup,
    )

    def first(queryset):
        return [obj for obj in [queryset.first()] if obj is not None]

    groups = [{"slug": group.slug} for group in WorkingGroup.objects.order_by("pk")]
    meetings = [in_group(meeting) for meeting in Meeting.objects.select_related("group")]
    threads = [in_group(thread) for thread in Thread.objects.select_related("group")[:3]]
    posts = [in_group(post, post.thread.group) for post in Post.objects.select_related("thread")]
    one_per_status = {p.status: p for p in Proposal.objects.select_related("group")}
    proposals = [in_group(proposal) for proposal in one_per_status.values()]
    forwarded = Proposal.objects.filter(forwarded_at__isnull=False)
    recommendations = [{"pk": pk} for pk in forwarded.values_list("pk", flat=True)[:3]]
    board_meetings = [{"pk": pk} for pk in BoardMeeting.objects.values_list("pk", flat=True)]
    entries = [
        {"pk": entry.meeting_id, "entry_pk": entry.pk} for entry in AgendaEntry.objects.all()
    ]
    notification = Notification.objects.first()
    address = EmailAddress.objects.first()
    user = User.objects.get(email=ROLES["participant"])
    # the member's archive of their data, built by the inline task (the demo has none)
    archive = your_data.archive_request(user=User.objects.get(email=ROLES["member"]))
    table = {
        "accounts:archive_": [{"pk": archive.pk}],
        "notifications:": [{"pk": n.pk} for n in first(Notification.objects)],
        "notifications:unsubscribe": [
            {"token": unsubscribe_token(notification.recipient_id, notification.kind)}
        ]
        if notification
        else [],
        "account_confirm_email": [{"key": EmailConfirmationHMAC(address).key}],
        "account_reset_password_from_key": [
            {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}
        ],
        "workgroups:meeting_": meetings,
        "workgroups:thread_": threads,
        "workgroups:post_": posts,
        "workgroups:document_": [in_group(d) for d in Document.objects.select_related("group")],
        "workgroups:proposal_": proposals,
        "workgroups:invitation_respond": [
            {**in_group(invite.proposal), "answer": answer}
            for invite in first(ProposalAuthor.objects.select_related("proposal__group"))
            for answer in ("accept", "decline")
        ],
        "workgroups:membership_decide": [
            {**in_group(membership), "decision": decision}
            for membership in first(GroupMembership.objects.select_related("group"))
            for decision in ("approve", "decline")
        ],
        "workgroups:": groups,
        "board:recommendation_": recommendations,
        "board:export_start": [{"format": format} for format in ExportJob.Format.values],
        "board:export_": [{"pk": pk} for pk in ExportJob.objects.values_list("pk", flat=True)],
        "board:meeting_": board_meetings,
        "board:agenda_move": [
            {**entry, "direction": d} for entry in entries for d in ("up", "down")
        ],
        "board:agenda_": entries,
        "board:report_": [{"pk": pk} for pk in ReportRun.objects.values_list("pk", flat=True)],
        **calls_fillers(),
        **training_fillers(),
        **matching_fillers(),
        **community_fillers(),
        "admin:app_list": [{"app_label": label} for label in admin_app_labels()],
        "admin:view_on_site": [
            {"content_type_id": ContentType.objects.get_for_model(Proposal).pk, "object_id": p.pk}
            for p in first(Proposal.objects.filter(status="published"))
        ],
    }
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        objects = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:1])
        table[prefix + "password_change"] = [{"id": pk} for pk in objects]
        table[prefix] = [{"object_id": pk} for pk in objects]
    table["admin:auth_user_password_change"] = [{"id": user.pk}]  # UserAdmin's own URL name
    return table


def calls_fillers() -> dict:
    """The funding calls' pages: a call with its document, an application with a budget line and
    an attachment (every move and answer), a review, a kept search, a call to action."""
    from calls.models import Application, CallDocument, CallToAction, Review, SavedSearch

    calls = [
        {"pk": d.call_id, "slug": d.call.slug, "document_pk": d.pk}
        for d in CallDocument.objects.select_related("call").order_by("pk")[:2]
    ]
    applications = [
        {
            "pk": a.pk,
            "line_pk": a.budget_lines.first().pk,
            "attachment_pk": a.attachments.first().pk,
            "move": move,
            "answer": answer,
        }
        for a in Application.objects.filter(attachments__isnull=False).distinct()[:1]
        for move, answer in (("submit", "accept"), ("withdraw", "decline"))
    ]
    return {
        "calls:call_": calls,
        "calls:application_create": calls,
        "calls:application_": applications,
        "calls:budget_line_": applications,
        "calls:attachment_": applications,
        "calls:co_applicant_": applications,
        "calls:rules_": applications,
        "calls:review_": [{"pk": pk} for pk in Review.objects.values_list("pk", flat=True)[:2]],
        "calls:saved_search_": [
            {"pk": pk} for pk in SavedSearch.objects.values_list("pk", flat=True)[:1]
        ],
        "calls:action_": [
            {"slug": s} for s in CallToAction.objects.values_list("slug", flat=True)[:1]
        ],
    }


def training_fillers() -> dict:
    """Training's pages: a course of each status, a session's register and check-in, the demo's
    certificate, need, application to teach, consultation, feedback form and calendar feed."""
    from coopportal.accounts.models import CalendarFeed
    from training.models import (
        Certificate,
        ConsultationRequest,
        Course,
        CourseSession,
        Feedback,
        TrainerApplication,
        TrainingNeed,
    )

    def pks(queryset):
        return [{"pk": pk} for pk in queryset.order_by("pk").values_list("pk", flat=True)[:2]]

    one_per_status = {c.status: c for c in Course.objects.order_by("-pk")}
    return {
        "training:course_": [{"pk": c.pk, "slug": c.slug} for c in one_per_status.values()],
        "training:feedback_": [
            {"pk": pk} for pk in Feedback.objects.values_list("course_id", flat=True)[:1]
        ],
        "training:need_": pks(TrainingNeed.objects),
        "training:trainer_application_": pks(TrainerApplication.objects),
        "training:consultation_": pks(ConsultationRequest.objects),
        "training:session_": [
            {"course_pk": course_pk, "session_pk": pk}
            for pk, course_pk in CourseSession.objects.filter(course__enrolments__isnull=False)
            .order_by("pk")
            .values_list("pk", "course_id")
            .distinct()[:2]
        ],
        "training:certificate_": [
            {"code": code} for code in Certificate.objects.values_list("code", flat=True)[:1]
        ],
        "core:calendar_feed": [
            {"secret": s} for s in CalendarFeed.objects.values_list("secret", flat=True)[:1]
        ],
    }


def matching_fillers() -> dict:
    """Member matching's pages: a profile (its contact, block and report pages), a contact
    request with each move, a saved search, a call and a call to action for the partner finder."""
    from calls.models import CallToAction, FundingCall
    from matching.models import ContactRequest, Profile, ProfileSearch

    def pks(queryset):
        return [{"pk": pk} for pk in queryset.order_by("pk").values_list("pk", flat=True)[:2]]

    moves = ("accepted", "declined", "withdrawn")
    return {
        "matching:profile_": pks(Profile.objects),
        "matching:contact_send": pks(Profile.objects),
        "matching:block": pks(Profile.objects),
        "matching:unblock": pks(Profile.objects),
        "matching:report_profile": pks(Profile.objects),
        "matching:contact_move": [
            {"pk": pk, "to": to}
            for pk in ContactRequest.objects.order_by("pk").values_list("pk", flat=True)[:1]
            for to in moves
        ],
        "matching:report_contact": pks(ContactRequest.objects),
        "matching:search_": pks(ProfileSearch.objects),
        "matching:partners_call": pks(FundingCall.objects),
        "matching:partners_action": pks(CallToAction.objects),
    }


def community_fillers() -> dict:
    """The community's pages: the demo events (their requests in each state, their meetings and
    outcomes), a good practice in each status, two self-assessments, a resource of the toolbox in
    each status; the spaces, their resources and a booking in each state."""
    from community.events.models import MatchingEvent, Meeting, MeetingRequest
    from community.maturity.models import MaturityAssessment
    from community.practices.models import Practice
    from community.toolbox.models import Resource
    from spaces.models import Booking, Space, SpacePhoto
    from spaces.models import Resource as SpaceResource

    events = [
        {"pk": pk} for pk in MatchingEvent.objects.order_by("pk").values_list("pk", flat=True)
    ]
    requests = {r.status: r for r in MeetingRequest.objects.order_by("-pk")}
    meetings = list(Meeting.objects.filter(slot__isnull=False).order_by("pk")[:2])
    unplaced = list(Meeting.objects.filter(slot__isnull=True).order_by("pk")[:1])
    practices = {p.status: p for p in Practice.objects.order_by("-pk")}
    bookings = {b.status: b for b in Booking.objects.order_by("-pk")}

    one_per_status = {r.status: r for r in Resource.objects.order_by("-pk")}
    return {
        "community:toolbox_": [{"pk": r.pk, "slug": r.slug} for r in one_per_status.values()],
        "community:event_request_move": [
            {"pk": r.pk, "to": to} for r in requests.values() for to in ("accepted", "declined")
        ],
        "community:event_request": [
            {"pk": r.event_id, "registration_pk": r.recipient_id} for r in requests.values()
        ],
        "community:event_slot_pick": [{"pk": m.pk} for m in [*unplaced, *meetings]],
        "community:event_meeting_outcome": [
            {"pk": m.event_id, "meeting_pk": m.pk} for m in meetings
        ],
        "community:event_": events,
        "community:practice_": [{"pk": p.pk, "slug": p.slug} for p in practices.values()],
        "spaces:space_": [{"pk": s.pk, "slug": s.slug} for s in Space.objects.order_by("pk")],
        "spaces:photo": [{"pk": pk} for pk in SpacePhoto.objects.values_list("pk", flat=True)[:1]],
        "spaces:booking_create": [
            {"pk": pk} for pk in SpaceResource.objects.order_by("pk").values_list("pk", flat=True)
        ],
        "spaces:booking_": [{"pk": b.pk} for b in bookings.values()],
        "community:maturity_result": [
            {"pk": pk}
            for pk in MaturityAssessment.objects.order_by("pk").values_list("pk", flat=True)[:2]
        ],
    }


def admin_app_labels():
    return sorted({model._meta.app_label for model in admin.site._registry})


def argument_sets(table: dict, name: str, arguments: set) -> list[dict] | None:
    """The argument sets for a pattern: the filler with the longest matching name prefix, each
    set cut to the pattern's arguments; None when no filler knows the pattern or the demo data
    has nothing to fill it with (only the admin's pages of a model the demo leaves empty are
    skipped)."""
    candidates = [prefix for prefix in table if name == prefix or name.startswith(prefix)]
    for prefix in sorted(candidates, key=len, reverse=True):
        sets = [
            {key: value for key, value in kwargs.items() if key in arguments}
            for kwargs in table[prefix]
        ]
        if all(set(kwargs) == arguments for kwargs in sets):
            if not sets and not name.startswith("admin:"):  # the admin of a model left empty
                return None
            # detail pages with each object given (proposals in each status…), others with a few
            return sets if name.endswith("_detail") else sets[:MAX_SETS]
    return None


def every_url() -> tuple[list[str], list[str]]:
    table = fillers()
    urls, unfilled = [], []
    for name, route, arguments in patterns():
        if not arguments:
            urls.append(reverse(name))
            continue
        sets = argument_sets(table, name, arguments)
        if sets is None:
            unfilled.append(f"{name} ({route})")
            continue
        urls.extend(reverse(name, kwargs=kwargs) for kwargs in sets)
    return sorted(set(urls)), unfilled


def visit_every_page() -> tuple[int, dict]:
    urls, unfilled = every_url()
    for pattern in unfilled:
        problems.append(f"no demo object to visit {pattern} with: teach FILLERS about it")
    statuses: dict[str, int] = {}
    for role in ROLES:
        cpu = time.process_time()
        client = client_for(role)
        for url in urls:
            if "logout" in url:
                continue  # the page would end this role's session
            response, body = fetch(client, url, label=role)
            if response is None:
                continue
            status = str(response.status_code)
            statuses[status] = statuses.get(status, 0) + 1
            if response.get("Content-Type", "").startswith("text/html"):
                for value in DATETIME_ATTR.findall(body.decode("utf-8", "replace")):
                    expect(
                        HTML_DATETIME.fullmatch(value) is not None,
                        f"{role} {url}: <time datetime={value!r}> is not an HTML datetime",
                    )
        print("ROLE", role, round(time.process_time() - cpu, 1), file=sys.stderr)
    return len(urls), statuses


def main() -> int:
    started = time.monotonic()
    assert connection.vendor == "sqlite", connection.vendor
    assert settings.CELERY_TASK_ALWAYS_EAGER
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    files = download_exports()
    urls, statuses = visit_every_page()
    summary = {
        "files": files,
        "urls": urls,
        "roles": len(ROLES),
        "statuses": statuses,
        "seconds": round(time.monotonic() - started, 1),
        "problems": len(problems),
    }
    for problem in problems:
        print("PROBLEM", problem)
    print(json.dumps(summary))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
