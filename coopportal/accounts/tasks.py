from celery import shared_task

from .emails import send_membership_decision_email


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_membership_decision(self, membership_request_id: int) -> bool:
    """Tell the person what staff decided on their membership request."""
    return send_membership_decision_email(membership_request_id)
