"""The audit trail: an append-only record of every read, change and export of case data."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit records cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit records cannot be deleted.")


_LIST_LABELS = {
    "cases.case_list": _("Case list"),
    "cases.person_list": _("List of people on the case"),
    "audit.case_access_log": _("Access log"),
    "audit.trail": _("Audit trail"),
    # The reports (safehold.reports) sit above the audit; their titles, the same messages.
    "reports.outcomes": _("Outcomes for the children"),
    "reports.time-to-plan": _("Time to the safety plan and time in plan"),
    "reports.safety-scale": _("Movement on the safety scale"),
    "reports.teams": _("Caseload and overdue reviews per team"),
    "reports.caseload": _("Caseload per worker"),
    "reports.fidelity": _("Practice fidelity"),
    "reports.unmet-needs": _("Unmet needs"),
    "resources.need_cluster": _("Needs without an offer"),
    "resources.offer_list": _("Directory of offers"),
}
_FIELD_LABELS = {
    "roles": _("roles"),
    "mfa": _("second factor"),
    "recovery_codes": _("recovery codes"),
    "assignment": _("assignment to the case"),
    "assignment_role": _("role on the case"),
    "all": _("all"),
    "voice": _("whose words"),
    "stances": _("views on it"),
    "participants": _("who took part"),
}


# The actions that change case data (AuditEvent.Action's CREATE, UPDATE and DELETE), as the partial index needs them.
CHANGES = ("create", "update", "delete")


class AuditEvent(models.Model):
    """Who did what to which case data, when, and from where.

    Holds no case content: object type and id, and the *names* of changed fields, never their values,
    so the trail can be kept longer than the data it describes. Rows refer to cases and users without
    database constraints so that deleting a closed case under the retention rules keeps its trail.
    The database refuses UPDATE and DELETE on this table (triggers in migration 0002; on SQLite a migration that
    rebuilds the table drops them and must put them back with `triggers.sqlite_install`, see 0004), except a
    deliberate prune of old records (pruning.py).

    Tamper evidence (chain.py): each record carries its place in its organisation's chain (`chain_seq`) and a
    SHA-256 hash over the previous record's hash and its own fields (`chain_hash`); `AuditChainHead` holds the
    end of each chain. `manage.py verify_audit` walks the chains.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        EXPORT = "export", _("Exported")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logged out")
        REFUSED = "refused", _("Refused access")
        LOCKOUT = "lockout", _("Locked out")
        PASSWORD_FAILED = "password_failed", _("Wrong password")
        PASSWORD_RESET = "password_reset", _("Password reset requested")
        GRANT = "grant", _("Role granted")
        CONFIRM = "confirm", _("Role confirmed")
        SESSIONS_ENDED = "sessions_ended", _("Sessions ended")
        PRUNE = "prune", _("Old audit records deleted")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")
        COMMAND = "command", _("Command")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True,
        related_name="+", verbose_name=_("who"), db_index=False,  # audit_actor_at leads with it
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+",
        db_index=False,  # audit_org_at and the other organisation indexes lead with it
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+",
        verbose_name=_("case"), db_index=False,  # audit_case_at leads with it
    )
    case_reference = models.CharField(_("case reference"), max_length=40, blank=True)
    object_type = models.CharField(_("object"), max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    # Facts about the event that are not case content: the role and team of a grant and who confirmed it, the
    # status and route of a refused request. Never a name, a text or anything else a family wrote or said.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    # Set by chain.chain_insert, never by hand: the record's place in its organisation's chain and its hash.
    chain_seq = models.BigIntegerField(default=0, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        # Every page writes records here, a list one per case shown: each index is kept in step on each insert.
        # The foreign keys have no index of their own (db_index=False above): these lead with them.
        indexes = [
            models.Index(fields=["organisation", "-at"], name="audit_org_at"),
            models.Index(fields=["case", "-at"], name="audit_case_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(fields=["organisation", "action", "-at"], name="audit_org_action_at"),
            models.Index(fields=["organisation", "chain_seq"], name="audit_org_chain"),
            # A case's last change (selectors.case_last_change), among its many reads.
            models.Index(fields=["case", "-id"], name="audit_case_change",
                         condition=models.Q(action__in=CHANGES)),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit records cannot be deleted.")

    @property
    def object_label(self) -> str:
        """What was touched, in the reader's language ("Person", "Fall", "sag")."""
        if self.object_type in _LIST_LABELS:
            return str(_LIST_LABELS[self.object_type])
        model = self._model()
        return str(model._meta.verbose_name).capitalize() if model else self.object_type

    @property
    def changed_field_labels(self) -> list[str]:
        model = self._model()
        labels = []
        for name in self.changed_fields:
            if name in _FIELD_LABELS:
                labels.append(str(_FIELD_LABELS[name]))
                continue
            try:
                field = model._meta.get_field(name) if model else None
                labels.append(str(getattr(field, "verbose_name", name)) if field else name)
            except FieldDoesNotExist:
                labels.append(name)
        return labels

    def _model(self):
        try:
            return apps.get_model(self.object_type) if "." in self.object_type else None
        except (LookupError, ValueError):
            return None


class AuditChainHead(models.Model):
    """The end of one chain of audit records: its last place and hash. Moved forward by a database trigger on
    every insert into the trail (triggers.py), so that records deleted from the end of a chain are noticed.
    Writers lock this row to append (chain.chain_insert): one writer per chain at a time."""

    chain = models.BigIntegerField(primary_key=True)  # the organisation's id; 0 for records without organisation
    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.chain}: {self.seq}"
