import json
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guatu.accounts import actions
from guatu.accounts.roles import Role


class Command(BaseCommand):
    help = (
        "People: add users with a role and scope, grant roles, deactivate, list (guatu user add|grant|deactivate|list)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        for verb in ("add", "grant"):
            p = sub.add_parser(verb, help=f"{verb} a user with a role (a role in each combination of the scope given)")
            p.add_argument("username")
            p.add_argument("--role", required=True, choices=Role.values)
            p.add_argument("--region", action="append", default=[], help="region code or name (its subtree)")
            p.add_argument("--platform", action="append", default=[], help="platform code or name (its subtree)")
            p.add_argument("--department", action="append", default=[], help="department code or name")
            if verb == "add":
                p.add_argument("--name", default="", help="the person's name")
                p.add_argument("--password-stdin", action="store_true", required=True,
                               help="read the password from standard input (one line)")  # fmt: skip
        p = sub.add_parser("deactivate", help="deactivate a user (users are never deleted)")
        p.add_argument("username")
        p = sub.add_parser("list", help="every user with roles and scope")
        p.add_argument("--json", action="store_true")

    def handle(self, *args, verb, **options):
        users = get_user_model()
        try:
            if verb == "add":
                password = sys.stdin.readline().rstrip("\n")
                user = actions.add_user(options["username"], password, options["role"], regions=options["region"],
                                        platforms=options["platform"], departments=options["department"],
                                        full_name=options["name"])  # fmt: skip
                self.stdout.write(
                    f"added {user.username}: " + "; ".join(r["scope"] for r in actions.describe(user)["roles"])
                )
            elif verb == "grant":
                user = self._user(options["username"])
                made = actions.grant(user, options["role"], regions=options["region"], platforms=options["platform"],
                                     departments=options["department"])  # fmt: skip
                self.stdout.write(f"granted {len(made)} role assignment(s) to {user.username}")
            elif verb == "deactivate":
                actions.deactivate(self._user(options["username"]))
                self.stdout.write(f"deactivated {options['username']}")
            else:
                people = [actions.describe(u) for u in users.objects.order_by("username")]
                if options["json"]:
                    self.stdout.write(json.dumps(people, ensure_ascii=False, indent=2))
                else:
                    for p in people:
                        roles = "; ".join(f"{r['role_name']} · {r['scope']}" for r in p["roles"]) or "—"
                        state = "" if p["active"] else " (deactivated)"
                        self.stdout.write(f"{p['username']:16} {p['name']:12} {roles}{state}")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc

    @staticmethod
    def _user(username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username}")
        return user
