from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safehold.accounts"
    label = "accounts"
