from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and bulk data: `manage.py demo_data`, the large data set, and the bulk
    builders tests and benchmarks share. Nothing in the portal imports it."""

    name = "demo"
    verbose_name = "Demodata"
