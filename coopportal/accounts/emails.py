from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import MembershipRequest


def send_membership_decision_email(membership_request_id: int) -> bool:
    request = (
        MembershipRequest.objects.select_related("user")
        .filter(pk=membership_request_id)
        .exclude(status=MembershipRequest.Status.PENDING)
        .first()
    )
    if request is None:
        return False
    user = request.user
    context = {"request": request, "user": user, "site_url": settings.SITE_URL}
    with translation.override(user.language):
        subject = render_to_string("accounts/email/membership_decision_subject.txt", context)
        text = render_to_string("accounts/email/membership_decision.txt", context)
        html = render_to_string("accounts/email/membership_decision.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
