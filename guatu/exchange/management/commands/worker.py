from django.core.management import call_command
from django.core.management.base import BaseCommand

from guatu.exchange.jobs import start_worker


class Command(BaseCommand):
    help = (
        "Run the background-job worker: first mark failed the imports a dead worker left running, remove "
        "expired uploads and queue the warning levels' daily warm-up (unless one is waiting), then work the queue "
        "(django-tasks' db_worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")

    def handle(self, *args, interval, verbosity, **options):
        from guatu.schedules.jobs import queue_daily_warm

        recovered, removed = start_worker()
        warm_at = queue_daily_warm()
        if verbosity:
            self.stdout.write(
                f"worker: {recovered} stale import job(s) marked failed, {removed} expired upload(s) removed"
            )
            if warm_at:
                self.stdout.write(f"worker: the warning levels' daily warm-up queued for {warm_at:%Y-%m-%d %H:%M}")
        call_command("db_worker", interval=interval, reload=False, startup_delay=False, verbosity=verbosity)
