from django.apps import AppConfig


class WordsPicturesConfig(AppConfig):
    name = "safehold.words_pictures"
    label = "words_pictures"

