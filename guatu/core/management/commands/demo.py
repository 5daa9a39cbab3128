from django.core.management import call_command
from django.core.management.base import BaseCommand

from guatu.core.serving import serve
from guatu.demo.people import DEMO_PASSWORD, DEMO_USERS
from guatu.demo.quzhou import DEMO_USER, load


class Command(BaseCommand):
    help = "Migrate, load the Quzhou demo (idempotent) and serve it; --no-serve only loads."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="load the demo and exit")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve, host, port, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=0)
        results = load()
        for table, r in results.items():
            self.stdout.write(f"{table:16} created {r.created:5}  updated {r.updated:5}  unchanged {r.unchanged:5}")
        self.stdout.write(self.style.SUCCESS(f"Quzhou demo loaded. Log in as {DEMO_USER} / {DEMO_PASSWORD}."))
        others = ", ".join(f"{u.username} ({u.first_name})" for u in DEMO_USERS if u.username != DEMO_USER)
        self.stdout.write(f"Other demo users, same password: {others}")
        if not no_serve:
            serve(host=host, port=port, banner=f"— log in as {DEMO_USER} / {DEMO_PASSWORD}", with_worker=True)
