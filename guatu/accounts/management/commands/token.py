"""`guatu token USERNAME [--revoke]`: issue a user's API token (printed once) or revoke it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guatu.accounts.tokens import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue USERNAME a new API token (replacing any earlier one) and print it, or revoke it with --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="delete the user's token instead")

    def handle(self, *args, username: str, revoke: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if revoke:
            if revoke_token(user):
                self.stderr.write(f"API token of {username} revoked.")
            else:
                self.stderr.write(f"{username} had no API token.")
            return
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive: a token would not open the API")
        key = issue_token(user)
        self.stderr.write(f"New API token for {username} (shown once; any earlier token is revoked):")
        self.stdout.write(key)
