from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class SafeholdBackend(ModelBackend):
    """Password login. Demo accounts are refused where demo users are switched off (production)."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return settings.SAFEHOLD_ALLOW_DEMO_USERS or not getattr(user, "is_demo", False)
