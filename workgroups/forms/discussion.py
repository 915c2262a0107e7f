from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from ..models import Post, PostReport, Thread

BODY_MAX = Post._meta.get_field("body").max_length
BODY_HELP = _("Markdown is accepted: **bold**, *italics*, lists and links.")


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=BODY_MAX,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ThreadForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=Thread._meta.get_field("title").max_length)
    body = _body_field(_("First message"))


class PostForm(PortalFormMixin, forms.Form):
    body = _body_field(_("Your message"))


class ReportForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why should the staff look at this message?"),
        max_length=PostReport._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
