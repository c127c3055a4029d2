"""Needs without an offer (seed 001: "starting a mothers' group where several share a need"): several families
in one district recorded with the same kind of need and no suitable offer make a cluster a team lead can act on.

- A cluster is the referrals still "no suitable offer exists" (status NO_OFFER, since `since` or later) of one
  district (or none) and one kind of need, of at least `min_families` distinct cases. Three referrals of one
  family are one family. The languages the help is needed in are listed with the cluster, not split into
  clusters of their own: a group can be offered in two languages, and splitting would hide the cluster.
- Who sees clusters: team leads, over the cases of the teams they lead; organisation admins and auditors, over
  the whole organisation (the same reach as the reports, reports/access.py). Caseworkers and consultants do not
  (403): they see their own families' referrals on the case.
- The need in the family's words is case content: a cluster carries the words only of the referrals whose case
  the reader may see (`cases.access.visible_cases`: the team lead of the case's team or an assigned worker).
  An admin or auditor reads counts only. The page records one audit entry per case whose words it shows.

Three queries whatever the number of referrals: the clusters, their languages, and the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.utils.translation import get_language_info, gettext

from safehold.accounts.models import User
from safehold.cases.access import visible_cases
from safehold.cases.models import Case
from safehold.resources.access import cluster_reach
from safehold.resources.models import OfferKind, Referral, ReferralStatus

MIN_FAMILIES = 3


@dataclass(frozen=True)
class NeedWords:
    """One family's need in their words, with the case it comes from (for the team lead to follow it up)."""

    case: Case
    words: str
    on: date


@dataclass(frozen=True)
class NeedCluster:
    district_id: int | None
    district_name: str | None  # None: referrals without a district
    need_kind: str
    families: int
    people: int
    first_on: date
    last_on: date
    languages: tuple[tuple[str, int], ...]  # (language code, families), "" for none named; most families first
    words: tuple[NeedWords, ...]  # only of the cases the reader may see

    @property
    def kind_label(self) -> str:
        return str(OfferKind(self.need_kind).label)

    @property
    def language_names(self) -> list[tuple[str, int]]:
        return [(language_name(code), families) for code, families in self.languages]


def language_name(code: str) -> str:
    """A language code as the reader names the language ("tr": Turkish, Türkisch, tyrkisk), else the code."""
    if not code:
        return gettext("No language named")
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _open_unmet(user: User, since: date) -> QuerySet[Referral]:
    organisation_id, team_ids = cluster_reach(user)
    referrals = Referral.objects.filter(case__organisation_id=organisation_id, status=ReferralStatus.NO_OFFER,
                                        status_on__gte=since).order_by()
    if team_ids is not None:
        referrals = referrals.filter(case__team_id__in=team_ids)
    return referrals


def unmet_clusters(user: User, *, since: date, min_families: int = MIN_FAMILIES) -> list[NeedCluster]:
    """The clusters `user` may see, most families first."""
    referrals = _open_unmet(user, since)
    groups = list(referrals.values("district_id", "district__name", "need_kind")
                  .annotate(families=Count("case", distinct=True), people=Count("person", distinct=True),
                            first_on=Min("status_on"), last_on=Max("status_on"))
                  .filter(families__gte=min_families)
                  .order_by("-families", F("district__position").asc(nulls_last=True), "district__name",
                            "need_kind"))
    if not groups:
        return []
    keys = [(group["district_id"], group["need_kind"]) for group in groups]
    in_clusters = referrals.filter(reduce(or_, (Q(district_id=district, need_kind=kind) for district, kind in keys)))
    languages: dict[tuple[int | None, str], list[tuple[str, int]]] = {key: [] for key in keys}
    for row in (in_clusters.values("district_id", "need_kind", "language")
                .annotate(families=Count("case", distinct=True)).order_by("-families", "language")):
        languages[(row["district_id"], row["need_kind"])].append((row["language"], row["families"]))
    words: dict[tuple[int | None, str], list[NeedWords]] = {key: [] for key in keys}
    for referral in (in_clusters.filter(case__in=visible_cases(user).values("pk")).exclude(need_words="")
                     .select_related("case").order_by("status_on", "id")):
        words[(referral.district_id, referral.need_kind)].append(
            NeedWords(case=referral.case, words=referral.need_words, on=referral.status_on))
    return [
        NeedCluster(district_id=group["district_id"], district_name=group["district__name"],
                    need_kind=group["need_kind"], families=group["families"], people=group["people"],
                    first_on=group["first_on"], last_on=group["last_on"],
                    languages=tuple(languages[key]), words=tuple(words[key]))
        for group, key in zip(groups, keys, strict=True)
    ]


def cases_shown(clusters: list[NeedCluster]) -> list[Case]:
    """The cases whose words the clusters show, each once: what the page's read audit names."""
    return list({shown.case.pk: shown.case for cluster in clusters for shown in cluster.words}.values())
