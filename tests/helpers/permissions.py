"""The permission matrix: one person per role around a working-group object, and assertions that
a predicate allows exactly the expected roles, or that a list query returns exactly what the
predicate allows (review §d-7).

    people = people_for(proposal)
    assert_matrix(permissions.can_edit_proposal, proposal, {"author", "coauthor"}, people)
    assert_list_matches_predicate(
        lambda user: Proposal.objects.filter(visible_filter(user)),
        permissions.can_view_proposal, proposals, people,
    )
"""

from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory, board_user, staff_user, superuser_user
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import ProposalAuthor, WorkingGroup

# around any group object
GROUP_ROLES = (
    "visitor",  # not logged in (AnonymousUser)
    "participant",  # an account, not a member of the cooperative, in no group
    "member",  # a member of the cooperative, in no group
    "other_group_member",  # a member of the cooperative, active in another group only
    "pending",  # a member who asked to join the group, not accepted yet
    "group_member",  # a member of the cooperative, active in the group
    "group_participant",  # not a member of the cooperative, with an active row in the group
    "coordinator",  # coordinates the group
    "staff",
    "board",
    "superuser",
)
# around a proposal, besides the group roles
PROPOSAL_ROLES = (
    "author",  # started it, active in the group
    "coauthor",  # accepted the invitation, active in the group
    "invitee",  # invited to co-author, not answered yet, active in the group
)
ROLES = GROUP_ROLES + PROPOSAL_ROLES


def _group_of(obj):
    return obj if isinstance(obj, WorkingGroup) else obj.group


def people_for(obj, *, proposals=()) -> dict:
    """{role: user} around `obj` (a WorkingGroup, or anything with a `group`, e.g. a Proposal).

    For a proposal there are also the author (its `created_by`), a co-author and an invitee; they
    are the same people on each of `proposals` too, which must have the same author.
    """
    group = _group_of(obj)

    def in_group(**kwargs):
        return MembershipFactory(group=group, **kwargs).user

    people = {
        "visitor": AnonymousUser(),
        "participant": UserFactory(),
        "member": UserFactory(member=True),
        "other_group_member": MembershipFactory(group=WorkingGroupFactory()).user,
        "pending": in_group(pending=True),
        "group_member": in_group(),
        "group_participant": in_group(user=UserFactory()),
        "coordinator": in_group(coordinator=True),
        "staff": staff_user(enrol=False),
        "board": board_user(enrol=False),
        "superuser": superuser_user(enrol=False),
    }
    if hasattr(obj, "coauthors"):
        author = obj.created_by
        MembershipFactory(group=group, user=author)
        people.update(author=author, coauthor=in_group(), invitee=in_group())
        for proposal in [obj, *proposals]:
            assert proposal.created_by_id == author.pk, "one author for all the proposals"
            ProposalAuthor.objects.bulk_create(
                [
                    ProposalAuthor(proposal=proposal, user=people[role], invited_by=author,
                                   status=status)
                    for role, status in (("coauthor", "accepted"), ("invitee", "invited"))
                ]
            )  # fmt: skip
    return people


def _ask(predicate, user, obj):
    return bool(predicate(user) if obj is None else predicate(user, obj))


def assert_matrix(predicate, obj, allowed, people):
    """`predicate` holds for exactly the roles in `allowed` among `people` ({role: user}).

    `obj=None` for predicates on the user alone (`is_member(user)`)."""
    holds = {role for role, user in people.items() if _ask(predicate, user, obj)}
    allowed = set(allowed)
    name = getattr(predicate, "name", None) or getattr(predicate, "__name__", repr(predicate))
    assert holds == allowed, (
        f"{name} on {obj!r}: also allows {sorted(holds - allowed)}, "
        f"refuses {sorted(allowed - holds)}"
    )


def assert_list_matches_predicate(queryset_for, predicate, objects, people):
    """For every person, `queryset_for(user)` returns exactly the `objects` that `predicate(user,
    object)` allows (rows outside `objects` are not looked at)."""
    objects = list(objects)
    pks = [o.pk for o in objects]
    model = type(objects[0])
    wrong = {}
    for role, user in people.items():
        listed = set(queryset_for(user).filter(pk__in=pks).values_list("pk", flat=True))
        fresh = list(model.objects.filter(pk__in=pks))  # no cache left from another person
        allowed = {o.pk for o in fresh if _ask(predicate, user, o)}
        if listed != allowed:
            wrong[role] = {
                "listed, not allowed": sorted(_describe(fresh, listed - allowed)),
                "allowed, not listed": sorted(_describe(fresh, allowed - listed)),
            }
    assert not wrong, wrong


def _describe(objects, pks):
    return [str(getattr(o, "status", o.pk)) + f" #{o.pk}" for o in objects if o.pk in pks]
