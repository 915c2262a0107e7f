"""A page's workflow buttons against the workflow: for every person of a permission matrix, the
page shows the button of a move exactly when `workflow.available(user, obj)` holds that move, and
shows it with the move's label.

    assert_buttons_follow_workflow(
        PROPOSAL, proposal, people_for(proposal), proposal.get_absolute_url(),
        {Status.SUBMITTED: reverse("workgroups:proposal_submit", args=[slug, proposal.pk])},
    )
"""

from html import unescape

from django.test import Client
from django.utils import translation


def _page(user, url):
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url)


def assert_buttons_follow_workflow(workflow, obj, people, url, buttons):
    """`buttons` is {status: the URL its button posts or links to}. People the page refuses (a
    403, 404 or a redirect to log in) are not looked at: the page's loader keeps them out, and so
    do the move's own views. Returns {role: the moves shown} for the people who saw the page."""
    wrong = {}
    seen = {}
    for role, user in people.items():
        response = _page(user, url)
        if response.status_code != 200:
            continue
        html = unescape(response.content.decode())
        fresh = type(obj).objects.get(pk=obj.pk)  # no cache left from another person
        expected = {move.to for move in workflow.available(user, fresh)} & set(buttons)
        shown = {to for to, target in buttons.items() if f'"{target}"' in html}
        seen[role] = shown
        with translation.override(response.get("Content-Language") or "it"):
            unlabelled = {
                to for to in shown & expected if str(workflow.moves[to].label) not in html
            }
        if shown != expected or unlabelled:
            wrong[role] = {
                "shown, not available": sorted(shown - expected),
                "available, not shown": sorted(expected - shown),
                "without the move's label": sorted(unlabelled),
            }
    assert not wrong, f"{workflow!r} on {obj!r}: {wrong}"
    return seen
