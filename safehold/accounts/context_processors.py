from safehold.accounts.models import Role
from safehold.accounts.selectors import user_context


def navigation(request):
    """Which parts of the menu the user sees. Hiding a link is convenience; the views check again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ctx = user_context(user)
    return {
        "nav": {
            "cases": ctx.does_case_work,
            "audit": ctx.has_role(Role.AUDITOR),
            "organisation": ctx.has_role(Role.ORG_ADMIN),
        },
    }
