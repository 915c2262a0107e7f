"""allauth's sign-up form as the portal uses it (ACCOUNT_FORMS["signup"]).

allauth builds its sign-up form on top of `forms.SignupForm` (ACCOUNT_SIGNUP_FORM_CLASS), so this
subclass of allauth's form lives in a module of its own: in forms.py it would import itself.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """With ACCOUNT_PREVENT_ENUMERATION an address that is already registered gets an e-mail
        instead of a new account, and allauth skips the password hashing a new account costs:
        the answer came ~5x sooner and told who is registered. Hash the password all the same
        (and throw it away), so both paths cost one hash and one e-mail."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
