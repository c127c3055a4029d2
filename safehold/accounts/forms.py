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


class TokenCreateForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("What is the token for?"), max_length=100, required=False,
                           help_text=_("For example: reporting script. Helps you recognise it later."))


class MfaTokenForm(KernFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=40,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class MfaDisableForm(KernFormMixin, forms.Form):
    password = forms.CharField(label=_("Your password"),
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    token = forms.CharField(label=_("Code"), max_length=40,
                            help_text=_("The 6-digit code your authenticator app shows now."),
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
