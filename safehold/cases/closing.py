"""What closing a case does to the tools above the case (an active safety plan ends with it): named in
`SAFEHOLD_CASE_CLOSING`, each says on the closing form what it will do and does it inside the closing's
transaction, so that a closed case carries nothing still running, no review due and no warning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.core.contributions import listed_by_key


@dataclass(frozen=True)
class ClosingEffect:
    key: str
    # What closing will do to the case's records, one sentence each (none: nothing of this tool is running).
    describe: Callable[[Case], list[str]]
    # Does it, as `actor`, on the closing day; runs while the case is still open, inside the closing's
    # transaction: if it refuses (a ValidationError), the case is not closed.
    apply: Callable[[User, Case, date], None]


def closing_effects() -> list[ClosingEffect]:
    return listed_by_key("SAFEHOLD_CASE_CLOSING")


def what_closing_does(case: Case) -> list[str]:
    """The sentences the closing form shows: what else ends when this case closes."""
    return [sentence for effect in closing_effects() for sentence in effect.describe(case)]


def close_what_runs(actor: User, case: Case, on: date) -> None:
    for effect in closing_effects():
        effect.apply(actor, case, on)
