from collections.abc import Iterator

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import User
from safehold.accounts.throttle import PasswordCheck, check_password
from safehold.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    """The old password is checked under the login's throttle (throttle.check_password), and each wrong one is
    audited: a stolen session must not be a way to guess it."""

    def __init__(self, user, *args, request: HttpRequest, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        checked = check_password(self.request, self.user, old_password)
        if checked is PasswordCheck.LOCKED_OUT:
            raise ValidationError(_("Too many wrong passwords for this account or from this device: try again "
                                    "later."), code="locked_out")
        if checked is PasswordCheck.WRONG:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    """Django's form, but who gets a link is decided by password_reset.reset_recipients (throttled, audited):
    the view hands its answer over as `recipients` before the form sends."""

    recipients: list[User] | None = None

    def get_users(self, email: str) -> Iterator[User]:
        yield from self.recipients or []


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):
    pass


class MfaTokenForm(KernFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=40,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class ReauthForm(KernFormMixin, forms.Form):
    """Asks again for the password, and with two-factor on for a current code, before a change to how the
    user logs in or before an API token is handed out."""

    password = forms.CharField(label=_("Your password"),
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    current_token = forms.CharField(
        label=_("Code from your authenticator app"), max_length=40, required=False,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.mfa_enabled:
            self.fields["current_token"].required = True
        else:
            del self.fields["current_token"]


class TokenCreateForm(ReauthForm):
    name = forms.CharField(label=_("What is the token for?"), max_length=100, required=False,
                           help_text=_("For example: reporting script. Helps you recognise it later."))
    field_order = ["name", "password", "current_token"]


class MfaReplaceForm(ReauthForm):
    """Setting up a new authenticator app when one is in use: the new app's code plus re-authentication."""

    token = forms.CharField(
        label=_("Code from the new app"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    field_order = ["token", "password", "current_token"]
