from django.apps import AppConfig


class RollupsConfig(AppConfig):
    name = "guatu.rollups"
    verbose_name = "rollups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from guatu.rollups import hooks

        hooks.connect()
