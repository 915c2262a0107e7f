"""Celery tasks of member matching: thin wrappers around services."""

from celery import shared_task


@shared_task(name="matching.profile_search_digests")
def profile_search_digests() -> int:
    """Beat, daily: each member with saved searches hears of the new profiles that match them."""
    from .services.searches import searches_digest_send

    return searches_digest_send()


@shared_task(name="matching.expire_contacts")
def expire_contacts() -> int:
    """Beat, hourly: contact requests unanswered for 30 days expire."""
    from .services.contacts import contacts_expire

    return contacts_expire()
