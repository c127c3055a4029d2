from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from safehold.accounts.models import User


class SafeholdBackend(ModelBackend):
    """Password login. Demo accounts are refused where demo users are switched off (production)."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return settings.SAFEHOLD_ALLOW_DEMO_USERS or not getattr(user, "is_demo", False)

    def get_user(self, user_id):
        # The organisation comes along: every page needs it (policy, menu, two-factor rule).
        user = User.objects.select_related("organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
