from django.core.management.base import BaseCommand

from guatu.core.serving import serve


class Command(BaseCommand):
    help = "Serve the web app at http://127.0.0.1:8000 (gunicorn on Linux, else waitress)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--with-worker", action="store_true", help="also run the background-job worker")
        parser.add_argument("--workers", type=int, help="gunicorn worker processes (default GUATU_WORKERS)")
        parser.add_argument("--threads", type=int, help="threads per worker (default GUATU_THREADS)")
        parser.add_argument("--server", choices=["gunicorn", "waitress"], help="default GUATU_SERVER, else gunicorn")

    def handle(self, *args, host, port, with_worker, workers, threads, server, **options):
        serve(host=host, port=port, with_worker=with_worker, workers=workers, threads=threads, kind=server)
