"""The referrals' part in a person's export (see cases/subject_records.py): each referral of the person, the
offer it went to and each step on its way. The directory itself (districts, offers, cooperation agreements,
shares between organisations) is the organisation's, about nobody. Two queries."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Record, Subject, SubjectData, item, record
from safehold.resources.models import CooperationAgreement, DirectoryShare, District, Offer, Referral, ReferralEvent

REFERRAL_FIELDS = ("need_kind", "need_words", "language", "status", "status_on", "referred_on", "follow_up_on",
                   "consent_on", "note")


def collect(subject: Subject) -> list[Record]:
    records: list[Record] = []
    for referral in (Referral.objects.filter(case=subject.case, person=subject.person)
                     .select_related("offer", "district").prefetch_related("events").order_by("referred_on", "pk")):
        offer = referral.offer
        records.append(record(referral, REFERRAL_FIELDS,
                              item("offer", _("offer"), offer.pk if offer else None,
                                   f"{offer.name} ({offer.provider})" if offer else ""),
                              item("district", _("district"), referral.district_id,
                                   referral.district.name if referral.district else "")))
        records += [record(event, ["status", "on", "note"], item("referral", _("referral"), referral.pk))
                    for event in referral.events.all()]
    return records


SUBJECT_DATA = SubjectData(
    key="resources", title=gettext_lazy("Referrals"), collect=collect, models=(Referral, ReferralEvent),
    not_about_a_person=(District, Offer, CooperationAgreement, DirectoryShare),
)
