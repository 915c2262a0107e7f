"""The named demo data: the groups, their members, discussions, meetings and proposals.

Named objects are looked up by slug or by (group, title), so running the seed again adds nothing.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from coopportal.accounts.models import Province
from coopportal.core.models import AuditEvent

from ..models import (
    AgendaItem,
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Phase,
    Post,
    ProgressNote,
    Proposal,
    ProposalAuthor,
    ProposalComment,
    ProposalFollow,
    Thread,
    ThreadFollow,
    WorkingGroup,
)
from .data import (
    APPROVAL,
    CDA,
    COORD,
    GROUPS,
    MEMBERSHIPS,
    PENDING,
    SMART_PHASES,
    SOCIA,
    STAFF,
    THREADS,
    proposals,
)
from .rows import bulk, event_rows, story


def seed_named(*, people, now, touched):
    """Write what is missing of the named demo data; return the groups by slug."""
    groups = seed_groups()
    seed_memberships(groups, people, now)
    seed_threads(groups, people, now, touched)
    seed_meetings(groups, people, now, touched)
    seed_proposals(groups, people, now, touched)
    return groups


def seed_groups():
    provinces = {p.sigla: p for p in Province.objects.all()}
    groups = {}
    for slug, name, theme, policy, audience, sigla, summary, description, smart in GROUPS:
        group, created = WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "theme": theme,
                "summary": summary,
                "description": description,
                "join_policy": policy,
                "audience": audience,
                "province": provinces.get(sigla) if sigla else None,
            },
        )
        if created and smart:
            Phase.objects.bulk_create([Phase(group=group, **phase) for phase in SMART_PHASES])
        groups[slug] = group
    return groups


def seed_memberships(groups, people, now):
    # memberships that exist keep their dates: only the missing ones are written
    existing = set(GroupMembership.objects.values_list("group_id", "user_id"))
    rows = []
    for slug, entries in MEMBERSHIPS.items():
        for index, (email, role, status, message) in enumerate(entries):
            user = people.get(email)
            if user is None or (groups[slug].pk, user.pk) in existing:
                continue
            joined = now - timedelta(days=120 - 10 * index)
            decided = joined + timedelta(days=2) if status != PENDING else None
            approver = people.get(COORD) if groups[slug].join_policy == APPROVAL else user
            rows.append(
                GroupMembership(
                    group=groups[slug],
                    user=user,
                    role=role,
                    status=status,
                    message=message,
                    decided_by=approver if decided else None,
                    decided_at=decided,
                    created_at=joined,
                    updated_at=decided or joined,
                )
            )
    bulk(GroupMembership, rows)


def _existing_titles(model):
    return set(model.objects.values_list("group_id", "title"))


def seed_threads(groups, people, now, touched):
    existing = _existing_titles(Thread)
    for slug, threads in THREADS.items():
        group = groups[slug]
        for title, posts in threads:
            if (group.pk, title) in existing:
                continue
            starter = people.get(posts[0][0])
            thread = bulk(
                Thread,
                [
                    Thread(
                        group=group,
                        title=title,
                        created_by=starter,
                        created_at=now - timedelta(days=posts[0][1]),
                        updated_at=now,
                    )
                ],
            )[0]
            bulk(
                Post,
                [
                    Post(thread=thread, author=people.get(email), body=body,
                         created_at=now - timedelta(days=days, hours=-9),
                         updated_at=now - timedelta(days=days, hours=-9))
                    for email, days, body in posts
                ],
            )  # fmt: skip
            authors = {people[email] for email, _d, _b in posts if email in people}
            bulk(ThreadFollow, [ThreadFollow(thread=thread, user=u) for u in authors])
            touched.threads.add(thread.pk)


def _local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_meetings(groups, people, now, touched):
    existing = _existing_titles(Meeting)
    today = timezone.localdate()
    bologna = groups["soci-di-bologna"]
    past = _local(today - timedelta(days=20), 17, 30)
    upcoming = _local(today + timedelta(days=14), 17, 30)
    proposed = _local(today + timedelta(days=26), 10)
    meetings = [
        {
            "group": groups["ricerca-e-sviluppo"],
            "kind": Meeting.Kind.SCHEDULED,
            "status": Meeting.Status.PUBLISHED,
            "starts_at": past,
            "ends_at": past + timedelta(hours=2),
            "title": "Chi inizia e chi cresce: restituzione dell'analisi",
            "description": "Presentiamo i risultati dell'analisi sugli strumenti della "
            "cooperativa.",
            "place": "Sede di Milano della cooperativa",
            "capacity": 25,
            "online_url": "https://meet.demo.coop/ricerca-e-sviluppo",
            "proposed_by": people.get(COORD),
            "minutes": "Presenti 14 soci (6 online). Il coordinatore ha presentato l'analisi; "
            "discussione sui tempi di pagamento e sulla consulenza al primo anno.",
            "outcomes": "- Scrivere una proposta al CdA su servizi distinti per chi inizia e "
            "per chi "
            "gestisce grandi progetti.\n- Chiedere all'ufficio amministrativo i dati sui tempi "
            "medi di pagamento.",
            "minutes_recorded_at": past + timedelta(days=1),
            "going": [SOCIA, COORD],
            "agenda": ["Risultati dell'analisi", "Discussione", "Prossimi passi"],
        },
        {
            "group": groups["formazione"],
            "kind": Meeting.Kind.SCHEDULED,
            "status": Meeting.Status.PUBLISHED,
            "starts_at": upcoming,
            "ends_at": upcoming + timedelta(hours=2),
            "capacity": 30,
            "proposed_by": people.get(COORD),
            "title": "Catalogo formativo 2027: aree e formatori",
            "description": "Incontro aperto a tutti i membri del gruppo, in presenza e online.",
            "place": "Sede di Bologna della cooperativa",
            "online_url": "https://meet.demo.coop/formazione",
            "going": [SOCIA, COORD],
            "agenda": [
                "Risposta del CdA sul catalogo dei corsi",
                "Le cinque aree formative",
                "Come scegliere i formatori tra i soci",
                "Calendario dei webinar",
            ],
        },
        {
            # full: the demo member finds its waiting list (services/seats.py)
            "group": groups["formazione"],
            "kind": Meeting.Kind.SCHEDULED,
            "status": Meeting.Status.PUBLISHED,
            "starts_at": upcoming + timedelta(days=3),
            "ends_at": upcoming + timedelta(days=3, hours=3),
            "capacity": 2,
            "proposed_by": people.get(COORD),
            "title": "Laboratorio: la rendicontazione di un progetto finanziato",
            "description": "Un laboratorio pratico a posti limitati: portate un progetto vero.",
            "place": "Sede di Bologna della cooperativa, sala piccola",
            "going": [COORD, CDA],
            "agenda": ["Le voci di spesa ammissibili", "Esercitazione su un caso reale"],
        },
        {
            "group": bologna,
            "kind": Meeting.Kind.SELF_ORGANISED,
            "status": Meeting.Status.PROPOSED,
            "starts_at": proposed,
            "ends_at": proposed + timedelta(hours=3),
            "province": bologna.province,
            "proposed_by": people.get(SOCIA),
            "title": "Colazione tra soci di Bologna",
            "description": "Un sabato mattina per conoscerci, raccontare le nostre attività e "
            "capire se ci servono spazi di lavoro condivisi in città.",
            "place": "Coworking in zona Bolognina, Bologna",
            "capacity": 20,
            "agenda": ["Presentazioni", "Spazi condivisi: cosa ci serve"],
        },
    ]
    for spec in meetings:
        if (spec["group"].pk, spec["title"]) in existing:
            continue
        going, agenda = spec.pop("going", []), spec.pop("agenda", [])
        created = spec["starts_at"] - timedelta(days=15)
        meeting = bulk(Meeting, [Meeting(**spec, created_at=created, updated_at=created)])[0]
        bulk(AgendaItem, [AgendaItem(meeting=meeting, position=i, title=t)
                           for i, t in enumerate(agenda, start=1)])  # fmt: skip
        bulk(
            MeetingRSVP,
            [
                MeetingRSVP(meeting=meeting, user=people[e], answer=MeetingRSVP.Answer.GOING,
                            created_at=created, updated_at=created)
                for e in going if e in people
            ],
        )  # fmt: skip
        touched.meetings.add(meeting.pk)


def seed_proposals(groups, people, now, touched):
    existing = _existing_titles(Proposal)
    staff, board, coord = people.get(STAFF), people.get(CDA), people.get(COORD)
    for spec in proposals():
        group = groups[spec["group"]]
        if (group.pk, spec["title"]) in existing:
            continue
        phase = None
        if "phase" in spec:
            phase = Phase.objects.filter(group=group).order_by("starts_on")[spec["phase"]]
        proposal = Proposal(
            group=group, phase=phase, title=spec["title"], summary=spec["summary"],
            body=spec["body"], status=spec["status"], created_by=people.get(spec["author"]),
        )  # fmt: skip
        start = now - timedelta(days=spec["days_ago"])
        events = story(
            proposal, start=start, staff=staff, coordinator=coord, board=board,
            reason=spec.get("reason", ""), forward_reason=spec.get("forward_reason", ""),
            answer=spec.get("answer", ""), answer_text=spec.get("answer_text", ""),
            implementation=spec.get("implementation", ""), percent=spec.get("percent", 0),
        )  # fmt: skip
        proposal = bulk(Proposal, [proposal])[0]
        bulk(AuditEvent, event_rows(proposal, events))
        later = (proposal.published_at or start) + timedelta(days=1)
        bulk(ProposalAuthor, [
            ProposalAuthor(proposal=proposal, user=people[e], invited_by=proposal.created_by,
                           status=ProposalAuthor.Status.ACCEPTED, created_at=start,
                           updated_at=start)
            for e in spec.get("coauthors", []) if e in people
        ])  # fmt: skip
        bulk(Endorsement, [Endorsement(proposal=proposal, user=people[e], created_at=later)
                            for e in spec.get("endorsers", []) if e in people])  # fmt: skip
        bulk(ProposalComment, [
            ProposalComment(proposal=proposal, author=people.get(e), body=body,
                            created_at=later, updated_at=later)
            for e, body in spec.get("comments", [])
        ])  # fmt: skip
        bulk(ProposalFollow, [ProposalFollow(proposal=proposal, user=proposal.created_by)])
        notes = spec.get("notes", [])
        for index, (percent, text) in enumerate(notes, start=1):
            when = proposal.answered_at + (now - proposal.answered_at) * index / (len(notes) + 1)
            bulk(ProgressNote, [ProgressNote(proposal=proposal, author=staff, text=text,
                                              percent=percent, created_at=when)])  # fmt: skip
        touched.proposals.add(proposal.pk)
