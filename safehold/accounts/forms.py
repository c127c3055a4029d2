from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from safehold.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    pass


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
