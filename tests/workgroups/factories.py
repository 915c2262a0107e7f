from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import UserFactory
from workgroups.models import (
    GroupMembership,
    Meeting,
    Phase,
    Post,
    Proposal,
    Thread,
    WorkingGroup,
)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Gruppo di lavoro {n}")
    slug = factory.Sequence(lambda n: f"gruppo-{n}")
    theme = "Formazione"
    summary = "Un gruppo di soci che lavora su un tema e propone al CdA."
    description = "Il gruppo **discute** e propone."
    join_policy = WorkingGroup.JoinPolicy.OPEN
    audience = WorkingGroup.Audience.MEMBERS

    class Params:
        approval = factory.Trait(join_policy=WorkingGroup.JoinPolicy.APPROVAL)
        open_to_all = factory.Trait(audience=WorkingGroup.Audience.EVERYONE)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    group = factory.SubFactory(WorkingGroupFactory)
    name = "Fase 1"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=270))


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active membership; `coordinator=True` for a coordinator, `pending=True` for a request."""

    class Meta:
        model = GroupMembership
        skip_postgeneration_save = True

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory, member=True)
    status = GroupMembership.Status.ACTIVE
    role = GroupMembership.Role.MEMBER

    class Params:
        coordinator = factory.Trait(role=GroupMembership.Role.COORDINATOR)
        pending = factory.Trait(status=GroupMembership.Status.PENDING)

    @factory.post_generation
    def count(self, create, extracted, **kwargs):
        if create and self.status == GroupMembership.Status.ACTIVE:
            WorkingGroup.objects.filter(pk=self.group_id).update(
                members_count=GroupMembership.objects.filter(
                    group_id=self.group_id, status="active"
                ).count()
            )


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Discussione {n}")
    created_by = factory.SubFactory(UserFactory, member=True)
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory, member=True)
    body = "Un intervento nella discussione."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Incontro {n}")
    kind = Meeting.Kind.SCHEDULED
    status = Meeting.Status.PUBLISHED
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2))
    place = "Sede di Bologna, via Rossi 1"


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft by default; traits for each status."""

    class Meta:
        model = Proposal

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Proposta {n}: più formazione sui bandi europei")
    summary = "Chiediamo al CdA di organizzare corsi sui bandi europei per i soci."
    body = "Testo completo della proposta, con **motivazioni** e risultati attesi."
    created_by = factory.SubFactory(UserFactory, member=True)

    class Params:
        submitted = factory.Trait(
            status=Proposal.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        published = factory.Trait(
            status=Proposal.Status.PUBLISHED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
        forwarded = factory.Trait(
            status=Proposal.Status.FORWARDED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
            forwarded_at=factory.LazyFunction(timezone.now),
        )


def proposal_step(proposal, to, *, source="", by=None, reason=""):
    """A step of a proposal's timeline, as the workflow engine writes it: an audit event
    `workgroups.proposal.<to>` with the details {"from", "to", "reason"}."""
    from coopportal.core.audit import log_action

    return log_action(
        target=proposal,
        action=f"workgroups.proposal.{to}",
        by=by,
        **{"from": source, "to": to, "reason": reason},
    )
