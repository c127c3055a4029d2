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
