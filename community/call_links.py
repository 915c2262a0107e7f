"""The links the community offers a funding call's page and a call to action's page."""

from ._parts import gather


def for_call(user, call) -> list:
    return gather("call_links", "for_call", user, call)


def for_action(user, action) -> list:
    return gather("call_links", "for_action", user, action)
