"""What the API answers for a person's export (safehold/subject_access): the same JSON as the file the person's
page downloads. Each tool's records keep their own fields, so a record's `fields` is an open object."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class SubjectRecordOut(Schema):
    type: str = Field(..., description='The kind of record, as "app.model" (for example "mapping.entry").')
    id: int
    fields: dict[str, Any] = Field(..., description="The record's fields: codes as stored, dates as ISO 8601.")


class SubjectSectionOut(Schema):
    key: str = Field(..., description="The tool the records come from.")
    title: str = Field(..., description="The tool's name, in the case's language.")
    records: list[SubjectRecordOut]


class SubjectCaseOut(Schema):
    id: int
    reference: str


class SubjectPersonOut(Schema):
    id: int
    name: str
    role: str


class SubjectExportOut(Schema):
    format: str = Field(..., description='"safehold.subject-access/1".')
    made_at: datetime
    case: SubjectCaseOut
    person: SubjectPersonOut
    audience: str = Field(..., description="What of the child's voice the export holds: what the child agreed "
                                           '"parents" or the "network" may see; never what they kept for the worker.')
    sections: list[SubjectSectionOut]
