from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safehold.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Every login and every failed password check, whichever view or API made it: Django's login() and
        # authenticate() are the only places all of them pass. django-axes comes first in INSTALLED_APPS, so its
        # receivers have counted a failure and decided on a lockout before login_failed reads the outcome.
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from safehold.accounts.login_audit import login_failed
        from safehold.accounts.sessions import logged_in

        user_login_failed.connect(login_failed, dispatch_uid="safehold_login_failed")
        user_logged_in.connect(logged_in, dispatch_uid="safehold_session_begin")
