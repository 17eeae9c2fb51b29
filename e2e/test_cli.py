"""The real `lovnad` binary's commands, against a fresh SQLite file, checked through the served API."""
import json
import os
import subprocess
import tempfile
import time
import unittest
import urllib.request

from lovnad_server import DemoServer, free_port


class CommandLine(unittest.TestCase):
    def setUp(self):
        self.binary = DemoServer().binary
        self.folder = tempfile.mkdtemp(prefix="lovnad-cli-")
        self.port = free_port()
        self.env = dict(os.environ, LOVNAD_DATABASE_PATH=os.path.join(self.folder, "data", "lovnad.sqlite"),
                        LOVNAD_PORT=str(self.port))
        self.env.pop("DATABASE_URL", None)

    def run_lovnad(self, *args, stdin=""):
        return subprocess.run([self.binary, *args], cwd=self.folder, env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=60)

    def api(self, path, token):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def serve(self):
        server = subprocess.Popen([self.binary, "serve"], cwd=self.folder, env=self.env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (server.terminate(), server.wait(15)))
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.fail("lovnad serve did not become ready")

    def test_users_import_tokens_and_deactivation(self):
        migrated = self.run_lovnad("migrate")
        self.assertEqual(migrated.returncode, 0, migrated.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.folder, "data", "lovnad.sqlite")))
        self.assertTrue(os.path.exists(os.path.join(self.folder, "data", "session-secret")))

        admin = self.run_lovnad("user", "create", "--email", "Sjef@Example.no", "--name", "Siri Sjef",
                                "--roles", "admin,consultant", "--department", "Drift", stdin="et langt passord\n")
        self.assertEqual(admin.returncode, 0, admin.stderr)
        self.assertIn("Created sjef@example.no", admin.stdout)
        self.assertNotIn("Password:", admin.stdout)

        generated = self.run_lovnad("user", "create", "--email", "ny@example.no", "--name", "Ny Person", "--roles", "consultant")
        self.assertEqual(generated.returncode, 0, generated.stderr)
        self.assertRegex(generated.stdout, r"Password: \S{12,}")

        duplicate = self.run_lovnad("user", "create", "--email", "ny@example.no", "--name", "Igjen", "--roles", "consultant")
        self.assertNotEqual(duplicate.returncode, 0)
        self.assertIn("already in use", duplicate.stdout + duplicate.stderr)

        csv_path = os.path.join(self.folder, "folk.csv")
        with open(csv_path, "w", encoding="utf-8") as f:
            f.write("email,name,title,department,leader_email,roles,skills\n"
                    "åse@example.no,Åse Ødegård,Rådgiver,Rådgivning,sjef@example.no,consultant,Kubernetes:4;Swift:2\n"
                    "feil@example.no,Feil Nivå,,Rådgivning,,consultant,Swift:9\n")
        imported = self.run_lovnad("people", "import", csv_path)
        self.assertNotEqual(imported.returncode, 0)
        output = imported.stdout + imported.stderr
        self.assertIn("line 3: skill 'Swift' has level '9'", output)
        self.assertIn("New skills (uncategorised): Kubernetes, Swift", output)
        self.assertIn("imported 1/1", output)

        token = self.run_lovnad("token", "create", "--email", "sjef@example.no")
        self.assertEqual(token.returncode, 0, token.stderr)
        secret = token.stdout.strip().splitlines()[-1]
        self.assertTrue(secret.startswith("lvn_"))
        ny_token = self.run_lovnad("token", "create", "--email", "ny@example.no").stdout.strip().splitlines()[-1]

        self.serve()
        status, people = self.api("/api/v1/people?skill=kubernetes", secret)
        self.assertEqual(status, 200)
        self.assertEqual([p["name"] for p in people["items"]], ["Åse Ødegård"])
        self.assertEqual(self.api("/api/v1/people?q=feil", secret)[1]["items"], [])
        self.assertEqual(self.api("/api/v1/me", ny_token)[0], 200)

        deactivated = self.run_lovnad("user", "deactivate", "--email", "ny@example.no")
        self.assertEqual(deactivated.returncode, 0, deactivated.stderr)
        self.assertEqual(self.api("/api/v1/me", ny_token)[0], 401)

    def test_demo_refuses_a_database_that_is_not_empty(self):
        self.run_lovnad("user", "create", "--email", "a@example.no", "--name", "A", "--roles", "consultant")
        demo = self.run_lovnad("demo")
        # A refusal, not a crash (a crash exits with 132 or 134 and a backtrace).
        self.assertEqual(demo.returncode, 1, demo.stdout + demo.stderr)
        self.assertIn("fresh, empty", demo.stdout + demo.stderr)


if __name__ == "__main__":
    unittest.main()
