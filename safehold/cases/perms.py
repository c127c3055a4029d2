"""What a user may do on one case. A leaf module: models, the policy and templates all read it."""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class Perm(StrEnum):
    VIEW = "view"  # read case content
    CHANGE = "change"  # change case content, people, status (never on a closed case)
    REOPEN = "reopen"  # reopen a closed case (what a closed case allows instead of CHANGE)
    ASSIGN = "assign"  # assign workers and the team
    APPROVE = "approve"  # approve what needs a team lead's approval (a safety plan); never on a closed case
    VIEW_ACCESS_LOG = "view_access_log"  # read who touched the case


class CasePerms(frozenset[Perm]):
    """The permissions of one user on one case, returned beside the case by the access policy.

    Templates ask `may.change`, `may.assign`… instead of comparing strings."""

    @property
    def view(self) -> bool:
        return Perm.VIEW in self

    @property
    def change(self) -> bool:
        return Perm.CHANGE in self

    @property
    def reopen(self) -> bool:
        return Perm.REOPEN in self

    @property
    def assign(self) -> bool:
        return Perm.ASSIGN in self

    @property
    def approve(self) -> bool:
        return Perm.APPROVE in self

    @property
    def view_access_log(self) -> bool:
        return Perm.VIEW_ACCESS_LOG in self


NO_PERMS = CasePerms()


class CaseClosed(PermissionDenied):
    """A change asked of a closed case by someone who could change it were it open: 403 with this message."""

    def __init__(self) -> None:
        super().__init__(_("This case is closed. Reopen it to change it."))
