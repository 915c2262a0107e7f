"""The feedback form: a rating from 1 to 5 and comments (the service checks them again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from .services.feedback import COMMENTS_MAX

RATING_CHOICES = [
    (1, _("1 — poor")),
    (2, _("2 — fair")),
    (3, _("3 — good")),
    (4, _("4 — very good")),
    (5, _("5 — excellent")),
]


class FeedbackForm(PortalFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments"),
        help_text=_("What worked, what could be better (optional)."),
        required=False,
        max_length=COMMENTS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
