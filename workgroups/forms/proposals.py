from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import User
from coopportal.core.forms import PortalFormMixin

from ..models import Meeting, Phase, Proposal


class ProposalForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "summary", "body", "phase", "meeting"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "summary": _("One or two sentences: what you ask the board."),
            "body": _("Reasons, expected results, costs. Markdown is allowed."),
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(group=group)
        self.fields["phase"].required = False
        self.fields["meeting"].queryset = Meeting.objects.filter(
            group=group, status=Meeting.Status.PUBLISHED, starts_at__lte=timezone.now()
        ).order_by("-starts_at")
        self.fields["meeting"].required = False
        self.fields["meeting"].help_text = _("If the idea was born in one of the group's meetings.")

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "summary", "body"):
            value = cleaned.get(name)
            if value is not None and not value.strip():
                self.add_error(name, _("This field is required."))
        return cleaned


class ReasonForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Note for the board (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(PortalFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InviteForm(PortalFormMixin, forms.Form):
    """Invite a co-author among the group's members (no e-mail guessing)."""

    user = forms.ModelChoiceField(label=_("Member to invite"), queryset=User.objects.none())

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        taken = [proposal.created_by_id, *proposal.coauthors.values_list("user_id", flat=True)]
        self.fields["user"].queryset = (
            User.objects.filter(
                group_memberships__group_id=proposal.group_id,
                group_memberships__status="active",
                membership_verified_at__isnull=False,
                is_active=True,
            )
            .exclude(pk__in=[pk for pk in taken if pk])
            .order_by("last_name", "first_name")
        )
