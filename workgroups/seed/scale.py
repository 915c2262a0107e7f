"""Volume for benchmarks, in the sizes of coopportal.core.seed_sizes: `size("groups")` groups,
their memberships, `size("threads")` discussions with `size("posts")` posts (five each),
`size("meetings")` meetings, `size("proposals")` proposals with their history, endorsements and
comments, and `size("notifications")` notifications of new posts, spread over the "persona…"
people that accounts/seed.py creates. Rows are streamed in with COPY on PostgreSQL
(coopportal.core.seed_bulk), with the dates the demo gives them.

It counts what the "persona…" people already have and only adds what is missing.
"""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify

from coopportal.accounts.models import Province, User
from coopportal.core.models import AuditEvent
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size
from coopportal.notifications.models import Notification

from ..models import (
    AgendaItem,
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    ProgressNote,
    Proposal,
    ProposalComment,
    ProposalFollow,
    Thread,
    ThreadFollow,
    WorkingGroup,
)
from .data import (
    ACTIVE,
    ANSWERS,
    APPROVAL,
    CDA,
    COORDINATOR,
    EVERYONE,
    LEFT,
    MEMBER,
    MEMBERS,
    OPEN,
    PENDING,
    POST_BODIES,
    PROPOSAL_TOPICS,
    SCALE_PREFIX,
    SCALE_STATUSES,
    STAFF,
    THREAD_TITLES,
    S,
)
from .rows import event_rows, story


def seed_scale(*, scale, people, now, touched):
    rng = random.Random(2026 + scale)
    _scale_groups(scale)
    all_groups = list(WorkingGroup.objects.filter(is_active=True).order_by("pk"))
    _scale_memberships(rng, all_groups, now)
    # who can write where: {group_id: [(user_id, is_member)]}, people of the scale only
    active = {}
    for group_id, user_id, verified in GroupMembership.objects.filter(
        status=ACTIVE, user__email__startswith=SCALE_PREFIX
    ).values_list("group_id", "user_id", "user__membership_verified_at"):
        active.setdefault(group_id, []).append((user_id, verified is not None))
    if not active:
        return
    coordinators = dict(
        GroupMembership.objects.filter(status=ACTIVE, role=COORDINATOR)
        .order_by("group_id", "pk")
        .values_list("group_id", "user_id")
    )
    _scale_threads(rng, scale, active, now, touched)
    _scale_meetings(rng, scale, active, coordinators, now, touched)
    _scale_proposals(rng, scale, active, coordinators, people, now, touched)
    _scale_notifications(rng, scale, now)


def _scale_groups(scale):
    provinces = list(Province.objects.exclude(sigla="BO").order_by("name"))
    wanted = []
    for i in range(size("groups", scale)):
        province = provinces[i % len(provinces)]
        round_ = i // len(provinces)
        suffix = f" ({round_ + 1})" if round_ else ""
        wanted.append(
            WorkingGroup(
                name=f"Soci di {province.name}{suffix}",
                slug=slugify(f"soci-di-{province.name}{suffix}")[:80],
                theme="Territori",
                summary=f"Incontri e progetti tra i soci della provincia di {province.name}.",
                description="Gruppo territoriale: incontri auto-organizzati, esiti condivisi.",
                join_policy=APPROVAL if i % 3 == 0 else OPEN,
                audience=EVERYONE if i % 4 == 0 else MEMBERS,
                province=province,
            )
        )
    WorkingGroup.objects.bulk_create(wanted, batch_size=1000, ignore_conflicts=True)
    return list(WorkingGroup.objects.filter(slug__in=[g.slug for g in wanted]))


def _scale_memberships(rng, groups, now):
    people = list(
        User.objects.filter(email__startswith=SCALE_PREFIX)
        .order_by("email")
        .values_list("pk", "membership_verified_at")
    )
    # people who already have groups keep them: running the seed again adds nobody twice
    seated = set(
        GroupMembership.objects.filter(user__email__startswith=SCALE_PREFIX).values_list(
            "user_id", flat=True
        )
    )
    has_coordinator = set(
        GroupMembership.objects.filter(role=COORDINATOR, status=ACTIVE).values_list(
            "group_id", flat=True
        )
    )
    open_to_all = [g for g in groups if g.audience == EVERYONE]
    open_to_all = [g for g in groups if g.audience == EVERYONE] or groups[:0]

    def rows():
        for user_id, verified in people:
            choices = groups if verified else open_to_all
            if user_id in seated or not choices:
                continue
            for group in rng.sample(choices, min(len(choices), rng.randint(1, 3))):
                status = rng.choices([ACTIVE, PENDING, LEFT], weights=[90, 7, 3])[0]
                role = MEMBER
                if status == ACTIVE and verified and group.pk not in has_coordinator:
                    role = COORDINATOR
                    has_coordinator.add(group.pk)
                if group.join_policy == OPEN and status == PENDING:
                    status = ACTIVE
                joined = now - timedelta(days=rng.randint(1, 700))
                yield {
                    "group_id": group.pk,
                    "user_id": user_id,
                    "role": role,
                    "status": status,
                    "decided_at": None if status == PENDING else joined,
                    "created_at": joined,
                    "updated_at": joined,
                }

    # nobody in `seated`, each group once per person: no conflict to ignore
    insert_rows(GroupMembership, rows())


def _scale_threads(rng, scale, active, now, touched):
    have = Thread.objects.filter(created_by__email__startswith=SCALE_PREFIX).count()
    missing = size("threads", scale) - have
    if missing <= 0:
        return
    group_ids = sorted(active)
    threads = []
    for _i in range(missing):
        group_id = rng.choice(group_ids)
        started = now - timedelta(days=rng.randint(1, 600), minutes=rng.randint(0, 1440))
        threads.append((group_id, rng.choice(active[group_id])[0], started))
    ids = insert_rows(
        Thread,
        (
            {"group_id": g, "title": f"{rng.choice(THREAD_TITLES)} (#{have + i + 1})",
             "created_by_id": u, "created_at": t, "updated_at": t}
            for i, (g, u, t) in enumerate(threads)
        ),
        returning=True,
    )  # fmt: skip
    per_thread = size("posts", scale) // size("threads", scale)
    follows = []

    def posts():
        for pk, (group_id, creator, started) in zip(ids, threads, strict=True):
            authors = set()
            for n in range(per_thread):
                author = creator if n == 0 else rng.choice(active[group_id])[0]
                when = min(started + timedelta(hours=n * rng.randint(1, 30)), now)
                authors.add(author)
                yield {"thread_id": pk, "author_id": author, "body": rng.choice(POST_BODIES),
                       "created_at": when, "updated_at": when}  # fmt: skip
            follows.extend((pk, author) for author in authors)

    insert_rows(Post, posts())
    insert_rows(ThreadFollow, ({"thread_id": t, "user_id": u} for t, u in follows))
    touched.threads = None  # every thread is recounted


def _scale_meetings(rng, scale, active, coordinators, now, touched):
    have = Meeting.objects.filter(proposed_by__email__startswith=SCALE_PREFIX).count()
    missing = size("meetings", scale) - have
    if missing <= 0:
        return
    group_ids = sorted(active)
    group_provinces = dict(
        WorkingGroup.objects.filter(pk__in=group_ids).values_list("pk", "province_id")
    )
    meetings = []
    for i in range(missing):
        group_id = rng.choice(group_ids)
        proposer = rng.choice(active[group_id])[0]
        days = rng.randint(-300, 60)
        starts = now + timedelta(days=days, hours=rng.randint(0, 8))
        self_organised = group_provinces[group_id] is not None and rng.random() < 0.5
        status = Meeting.Status.PUBLISHED
        if self_organised and days > 0 and rng.random() < 0.3:
            status = Meeting.Status.PROPOSED
        created = starts - timedelta(days=20)
        past = starts < now
        meetings.append(
            Meeting(
                group_id=group_id,
                title=f"Incontro del gruppo n. {have + i + 1}",
                description="Aggiornamenti, proposte in corso, prossimi passi.",
                kind=Meeting.Kind.SELF_ORGANISED if self_organised else Meeting.Kind.SCHEDULED,
                status=status,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Sala riunioni della cooperativa",
                province_id=group_provinces[group_id],
                online_url="" if self_organised else "https://meet.demo.coop/incontro",
                capacity=rng.choice([None, 15, 30, 50]),
                proposed_by_id=proposer,
                minutes="Verbale sintetico dell'incontro." if past else "",
                outcomes="- Preparare una proposta al CdA." if past else "",
                minutes_recorded_at=starts + timedelta(days=1) if past else None,
                created_at=created,
                updated_at=created,
            )
        )
    for meeting, pk in zip(meetings, insert_rows(Meeting, meetings, returning=True), strict=True):
        meeting.pk = pk
    agenda, rsvps = [], []
    for meeting in meetings:
        touched.meetings.add(meeting.pk)
        agenda += [
            AgendaItem(meeting_id=meeting.pk, position=1, title="Aggiornamenti"),
            AgendaItem(meeting_id=meeting.pk, position=2, title="Proposte in corso"),
        ]
        if meeting.status != Meeting.Status.PUBLISHED:
            continue
        members = [u for u, _m in active[meeting.group_id]]
        seats = min(len(members), meeting.capacity or 40, rng.randint(0, 12))
        for user_id in rng.sample(members, seats):
            answer = MeetingRSVP.Answer.GOING if rng.random() < 0.8 else "not_going"
            rsvps.append(
                MeetingRSVP(meeting_id=meeting.pk, user_id=user_id, answer=answer,
                            created_at=meeting.created_at, updated_at=meeting.created_at)
            )  # fmt: skip
    insert_rows(AgendaItem, agenda)
    insert_rows(MeetingRSVP, rsvps)


def _scale_proposals(rng, scale, active, coordinators, people, now, touched):
    have = Proposal.objects.filter(created_by__email__startswith=SCALE_PREFIX).count()
    missing = size("proposals", scale) - have
    writers = {g: [u for u, is_member in users if is_member] for g, users in active.items()}
    writers = {g: users for g, users in writers.items() if users}
    if missing <= 0 or not writers:
        return
    staff, board = people.get(STAFF), people.get(CDA)
    group_ids = sorted(writers)
    proposals, stories = [], []
    for i in range(missing):
        group_id = rng.choice(group_ids)
        status = rng.choice(SCALE_STATUSES)
        title, summary = rng.choice(PROPOSAL_TOPICS)
        proposal = Proposal(
            group_id=group_id, title=f"{title} (n. {have + i + 1})", summary=summary,
            body=f"{summary}\n\nLa proposta nasce dalla discussione nel gruppo e chiede al CdA "
            "di valutarne costi e tempi.", status=status,
            created_by=User(pk=rng.choice(writers[group_id])),
        )  # fmt: skip
        answer, implementation = rng.choice(ANSWERS) if status == S.FORWARDED else ("", "")
        percent = {"in_progress": rng.randint(10, 90), "done": 100}.get(implementation, 0)
        coordinator = coordinators.get(group_id)
        events = story(
            proposal, start=now - timedelta(days=rng.randint(60, 700)), staff=staff,
            coordinator=User(pk=coordinator) if coordinator else staff, board=board,
            reason="Il testo va completato con costi e tempi." if status in
            (S.CHANGES_REQUESTED, S.REJECTED, S.WITHDRAWN) else "",
            answer=answer, answer_text="Il CdA ha discusso la proposta." if answer else "",
            implementation=implementation, percent=percent,
        )  # fmt: skip
        proposals.append(proposal)
        stories.append(events)
    for proposal, pk in zip(
        proposals, insert_rows(Proposal, proposals, returning=True), strict=True
    ):
        proposal.pk = pk
    events, endorsements, comments, notes, follows = [], [], [], [], []
    for proposal, history in zip(proposals, stories, strict=True):
        touched.proposals.add(proposal.pk)
        events += event_rows(proposal, history)
        follows.append(ProposalFollow(proposal_id=proposal.pk, user_id=proposal.created_by_id))
        if proposal.implementation:
            notes.append(
                ProgressNote(proposal_id=proposal.pk, author=staff, text="Lavori avviati.",
                             percent=proposal.implementation_percent,
                             created_at=proposal.answered_at + timedelta(days=10))
            )  # fmt: skip
        if proposal.status not in (S.PUBLISHED, S.FORWARDED):
            continue
        others = [u for u, _m in active[proposal.group_id] if u != proposal.created_by_id]
        when = proposal.published_at + timedelta(days=1)
        for user_id in rng.sample(others, min(len(others), rng.randint(0, 8))):
            endorsements.append(
                Endorsement(proposal_id=proposal.pk, user_id=user_id, created_at=when)
            )
        for user_id in rng.sample(others, min(len(others), rng.randint(0, 3))):
            comments.append(
                ProposalComment(proposal_id=proposal.pk, author_id=user_id,
                                body=rng.choice(POST_BODIES), created_at=when, updated_at=when)
            )  # fmt: skip
    insert_rows(AuditEvent, events)
    insert_rows(Endorsement, endorsements)
    insert_rows(ProposalComment, comments)
    insert_rows(ProgressNote, notes)
    insert_rows(ProposalFollow, follows)


def _scale_notifications(rng, scale, now):
    """Notifications of new posts in the discussions people follow, five per person on
    average, one in three unread; made once (only when the scale people have none)."""
    wanted = size("notifications", scale)
    have = Notification.objects.filter(recipient__email__startswith=SCALE_PREFIX).count()
    if have >= wanted:
        return
    people = list(
        User.objects.filter(email__startswith=SCALE_PREFIX)
        .order_by("pk")
        .values_list("pk", "first_name", "last_name")
    )
    threads = list(
        Thread.objects.filter(created_by__email__startswith=SCALE_PREFIX)
        .order_by("pk")
        .values_list("pk", "title", "group__slug", "group__name")[:5000]
    )
    if not people or not threads:
        return
    thread_type = ContentType.objects.get_for_model(Thread).pk
    urls = {
        pk: reverse("workgroups:thread_detail", args=[slug, pk]) for pk, _t, slug, _n in threads
    }

    def rows():
        for n in range(have, wanted):
            recipient = people[n % len(people)][0]
            _pk, first, last = people[rng.randrange(len(people))]
            thread, title, _slug, group = threads[rng.randrange(len(threads))]
            when = now - timedelta(minutes=rng.randrange(60 * 24 * 180))
            yield {
                "recipient_id": recipient,
                "kind": "workgroups.new_post",
                "actor_id": _pk,
                "target_type_id": thread_type,
                "target_id": str(thread),
                "url": f"{urls[thread]}?page=last",
                "context": {"person": f"{first} {last}", "thread": title, "group": group},
                "created_at": when,
                "read_at": None if n % 3 == 0 else when + timedelta(hours=2),
                "email": Notification.Email.NONE,
            }

    insert_rows(Notification, rows())
