from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.language = (get_language() or "it")[:2]
        return super().save_user(request, user, form, commit=commit)
