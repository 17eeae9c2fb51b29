"""Browser test: a handover expectation becomes a promise, is kept with evidence, and the company's
say-do ratio counts it. Runs on the demo's "Ny skadeportal", whose last expectation is still open."""
import re
import unittest

from selenium.webdriver.common.by import By

from browser import follow, make_driver, sign_in
from lovnad_server import DemoServer

ENGAGEMENT = "Ny skadeportal"
EXPECTATION = "Daglig statusrapport til kunden i lanseringsuken"


class PromiseFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def company_tally(self):
        d = self.driver
        d.get(self.server.base_url + "/promises/ratio")
        text = d.find_element(By.ID, "company-ratio").text
        kept, counted = re.search(r"(\d+) av (\d+) holdt i tide", text).groups()
        return int(kept), int(counted)

    def test_expectation_becomes_a_kept_promise_and_counts(self):
        d = self.driver
        sign_in(d, self.server, self.server.sign_ins["sales"][0])
        kept_before, counted_before = self.company_tally()
        self.assertGreater(counted_before, 100)

        # The open expectation on the engagement page becomes a promise in one step.
        d.get(self.server.base_url + "/engagements")
        follow(d, d.find_element(By.LINK_TEXT, ENGAGEMENT))
        item = next(li for li in d.find_elements(By.CSS_SELECTOR, "#handover ul.expectations li") if EXPECTATION in li.text)
        follow(d, item.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, EXPECTATION)
        self.assertIn("Løftet er gitt", d.find_element(By.CSS_SELECTOR, ".flash").text)
        facts = d.find_element(By.CSS_SELECTOR, "dl.facts").text
        self.assertIn("Havbris Forsikring ASA", facts)
        self.assertIn("Marte Lie", facts)  # the delivery lead owns it

        # Kept with evidence; the page says so and the engagement log has it.
        d.find_element(By.ID, "note-kept").send_keys("Rapport sendt hver morgen kl. 08, se e-post til Mari Lunde")
        follow(d, d.find_element(By.CSS_SELECTOR, "form.step-kept button[type=submit]"))
        self.assertIn("Løftet er oppdatert", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertIn("Holdt", d.find_element(By.CSS_SELECTOR, "p.lead").text)
        self.assertIn("Rapport sendt hver morgen", d.find_element(By.CSS_SELECTOR, "dl.facts").text)
        follow(d, d.find_element(By.LINK_TEXT, ENGAGEMENT))
        self.assertIn("Løfte holdt", d.find_element(By.ID, "log").text)
        self.assertIn("Er et løfte", d.find_element(By.ID, "handover").text)

        # The company's ratio counts one more promise, kept on time.
        self.assertEqual(self.company_tally(), (kept_before + 1, counted_before + 1))


if __name__ == "__main__":
    unittest.main()
