"""`{% load proposal_labels %}`: how a proposal's history names each step."""

from django import template

from ..models.proposals import history_label

register = template.Library()


@register.filter
def proposal_history_label(value) -> str:
    """`{{ event.to_status|proposal_history_label }}`: "Draft created", "Accepted by the board"…"""
    return history_label(value)
