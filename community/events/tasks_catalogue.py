"""The Celery tasks of the events' registration and requests: thin wrappers around services."""

from celery import shared_task

__all__ = ["events_expire_requests"]


@shared_task(name="community.events_expire_requests")
def events_expire_requests() -> int:
    """Beat, every 15 minutes: the requests unanswered at their event's registration deadline
    expire (their requesters are told)."""
    from .services.requests import requests_expire

    return requests_expire()
