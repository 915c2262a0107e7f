"""The links the toolbox offers a funding call's page: its published resources the person may
open."""

from .selectors import links


def for_call(user, call) -> list:
    return links(user, calls=call)
