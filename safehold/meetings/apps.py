from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safehold.meetings"
    label = "meetings"
