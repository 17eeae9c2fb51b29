"""The private calendar feed is valid RFC 5545 as Python's icalendar reads it, holds the signed-in
person's open promises, and stops working when revoked."""
import datetime
import json
import unittest
import urllib.error
import urllib.request

import icalendar

from lovnad_server import DemoServer


class CalendarFeed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.token = cls.server.token(cls.server.sign_ins["leader"][0])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def api(self, method, path):
        request = urllib.request.Request(self.server.base_url + path, method=method,
                                         headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())

    def test_feed_parses_and_revokes(self):
        url = self.api("GET", "/api/v1/me/calendar")["url"]
        with urllib.request.urlopen(url) as response:
            self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
            calendar = icalendar.Calendar.from_ical(response.read())
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        events = [c for c in calendar.walk("VEVENT")]
        me = self.api("GET", "/api/v1/me")["id"]
        mine = self.api("GET", f"/api/v1/promises?state=made&owner={me}&limit=100")["items"]
        self.assertGreater(len(events), 0)
        self.assertEqual(len(events), len(mine))
        summaries = {str(e["SUMMARY"]) for e in events}
        self.assertIn("Løfte: 1:1 med Ola", summaries)
        for event in events:
            self.assertEqual(event["DTEND"].dt - event["DTSTART"].dt, datetime.timedelta(days=1))
            self.assertTrue(str(event["UID"]).endswith("@lovnad"))

        fresh = self.api("POST", "/api/v1/me/calendar/revoke")["url"]
        self.assertNotEqual(fresh, url)
        with self.assertRaises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(url)
        self.assertEqual(gone.exception.code, 404)
        with urllib.request.urlopen(fresh) as response:
            self.assertEqual(response.status, 200)


if __name__ == "__main__":
    unittest.main()
