from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "guatu.synth"
    verbose_name = "synthetic data"
