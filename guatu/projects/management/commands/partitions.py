from django.core.management.base import BaseCommand

from guatu.projects.partitioning import ensure_partitions, is_partitioned, partitions


class Command(BaseCommand):
    help = "PostgreSQL: give each year of monthly reports its own partition, then list the partitions"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", default=[], help="also make this year's partition")

    def handle(self, *args, year, **options):
        if not is_partitioned():
            self.stdout.write("The monthly reports are one table here (partitioning is for PostgreSQL).")
            return
        made = ensure_partitions(year)
        if made:
            self.stdout.write(f"New partitions for {', '.join(map(str, made))}.")
        for name, rows in partitions().items():
            self.stdout.write(f"{name:40} {rows:9} reports")
