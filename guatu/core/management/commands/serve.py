from django.core.management.base import BaseCommand

from guatu.core.serving import serve


class Command(BaseCommand):
    help = "Serve the web app (waitress) at http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--with-worker", action="store_true", help="also run the background-job worker")

    def handle(self, *args, host, port, with_worker, **options):
        serve(host=host, port=port, with_worker=with_worker)
