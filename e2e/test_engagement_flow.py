"""Browser test: sales edits the handover, the delivery lead staffs, signs off and starts delivery,
and the log shows each step. Runs on the demo's "Ny skadeportal", which is in handover."""
import unittest

from selenium.webdriver.common.by import By

from lovnad_server import DemoServer
from browser import follow, make_driver, sign_in

ENGAGEMENT = "Ny skadeportal"


class EngagementFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def sign_in(self, email):
        sign_in(self.driver, self.server, email)

    def open_engagement(self):
        d = self.driver
        d.get(self.server.base_url + "/engagements")
        follow(d, d.find_element(By.LINK_TEXT, ENGAGEMENT))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, ENGAGEMENT)

    def flash(self):
        return self.driver.find_element(By.CSS_SELECTOR, ".flash").text

    def assert_back_in(self, section, says):
        """After a form post the page is at the part the form was in, which says what happened."""
        d = self.driver
        self.assertTrue(d.current_url.endswith("#" + section), d.current_url)
        self.assertIn(says, d.find_element(By.CSS_SELECTOR, f"#{section} .flash").text)
        top = d.execute_script(f"return document.getElementById('{section}').getBoundingClientRect().top")
        self.assertLess(abs(top), 80, f"#{section} is not in view")

    def test_handover_to_delivery(self):
        d = self.driver
        # Sales adds a risk in the handover editor.
        self.sign_in(self.server.sign_ins["sales"][0])
        self.open_engagement()
        follow(d, d.find_element(By.LINK_TEXT, "Rediger overleveringspakken"))
        rows = int(d.find_element(By.NAME, "rk_rows").get_attribute("value"))
        d.find_element(By.ID, f"rk_desc_{rows - 2}").send_keys("Lisenskostnader for bildeopplasting er uavklart")
        d.find_element(By.ID, f"rk_mitigation_{rows - 2}").send_keys("Avklares med kundens innkjøp innen to uker")
        follow(d, d.find_element(By.CSS_SELECTOR, "#handover-form button.primary[type=submit]"))
        self.assertIn("ny versjon", self.flash())
        self.assertIn("Lisenskostnader for bildeopplasting", d.find_element(By.ID, "handover").text)

        # The delivery lead staffs what is open, signs off and starts delivery.
        self.sign_in("marte.lie@fjordkompetanse.no")
        self.open_engagement()
        for _ in range(5):
            unstaffed = [p for p in d.find_elements(By.CSS_SELECTOR, "#staffing .profile") if "Ikke bemannet" in p.text]
            if not unstaffed:
                break
            chosen = unstaffed[0].find_element(By.CSS_SELECTOR, "form input[name=person_id]").get_attribute("value")
            follow(d, unstaffed[0].find_element(By.CSS_SELECTOR, "form button[type=submit]"))
            self.assert_back_in("team", "Bemanningen er lagret")
            # Whoever fills a profile is not offered for another.
            offered = [i.get_attribute("value") for i in d.find_elements(By.CSS_SELECTOR, "#staffing input[name=person_id]")]
            self.assertNotIn(chosen, offered)
        # The expectation sales left open becomes a promise, so every expectation is settled.
        item = next(li for li in d.find_elements(By.CSS_SELECTOR, "#handover ul.expectations li") if "Daglig statusrapport" in li.text)
        follow(d, item.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.assertIn("Løftet er gitt", self.flash())
        self.open_engagement()
        review = d.find_element(By.CSS_SELECTOR, "form.review")
        d.execute_script("arguments[0].value = '2026-11-29'", review.find_element(By.ID, "held_on"))
        review.find_element(By.ID, "participants").send_keys("Camilla Strand, Marte Lie og teamet")
        review.find_element(By.ID, "sign_off").click()
        follow(d, review.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.assert_back_in("handover", "Overleveringsmøtet er registrert")
        self.assertIn("Signert av leveranseansvarlig for gjeldende versjon", d.find_element(By.ID, "readiness").text)
        follow(d, d.find_element(By.XPATH, "//form[contains(@class,'transition')]//button[text()='Leveranse']"))
        self.assert_back_in("overview", "Status er endret")
        self.assertIn("Leveranse", d.find_element(By.CSS_SELECTOR, "p.lead .status").text)

        # The log shows each step.
        log = d.find_element(By.ID, "log").text
        for step in ["Overleveringspakken er endret", "er bemannet som", "Signert av leveranseansvarlig", "fra «Overlevering» til «Leveranse»"]:
            self.assertIn(step, log)

    def test_a_refused_handover_keeps_every_field_and_shows_all_errors(self):
        d = self.driver
        self.sign_in(self.server.sign_ins["admin"][0])
        d.get(self.server.base_url + "/engagements")
        follow(d, d.find_element(By.LINK_TEXT, "Dataplattform og rapportering"))
        follow(d, d.find_element(By.LINK_TEXT, "Rediger overleveringspakken"))
        # "Add row" is a round trip to the server (no script needed) that loses nothing typed.
        scope = d.find_element(By.ID, "offer_scope")
        scope.clear()
        scope.send_keys("Felles dataplattform, nå med sanntid")
        rows = int(d.find_element(By.NAME, "pr_rows").get_attribute("value"))
        follow(d, d.find_element(By.CSS_SELECTOR, "button[name=add_row][value=pr]"))
        self.assertEqual(int(d.find_element(By.NAME, "pr_rows").get_attribute("value")), rows + 1)
        self.assertEqual(d.find_element(By.ID, "offer_scope").get_attribute("value"), "Felles dataplattform, nå med sanntid")
        d.find_element(By.ID, f"pr_role_{rows}").send_keys("Sanntidsutvikler")
        d.find_element(By.ID, f"pr_skills_{rows}").send_keys("Kafka nivå 4")
        hours = d.find_element(By.ID, "est_hours_0")
        hours.clear()
        hours.send_keys("-5")
        follow(d, d.find_element(By.CSS_SELECTOR, "#handover-form button.primary[type=submit]"))
        # Both problems at once, each named by its label and linked to its field, which keeps what was typed.
        problems = d.find_elements(By.CSS_SELECTOR, "#problems li a")
        self.assertEqual(len(problems), 2, [p.text for p in problems])
        self.assertTrue(any(f"rad {rows + 1}" in p.text and "Ferdigheter" in p.text for p in problems), [p.text for p in problems])
        skills = d.find_element(By.ID, f"pr_skills_{rows}")
        self.assertEqual(skills.get_attribute("value"), "Kafka nivå 4")
        self.assertEqual(skills.get_attribute("aria-invalid"), "true")
        self.assertIn("Kotlin:4", d.find_element(By.ID, skills.get_attribute("aria-describedby")).text)
        self.assertEqual(d.find_element(By.ID, "offer_scope").get_attribute("value"), "Felles dataplattform, nå med sanntid")
        # Fixed, it saves.
        skills.clear()
        skills.send_keys("Kafka:4")
        hours = d.find_element(By.ID, "est_hours_0")
        hours.clear()
        hours.send_keys("120")
        follow(d, d.find_element(By.CSS_SELECTOR, "#handover-form button.primary[type=submit]"))
        self.assertIn("ny versjon", self.flash())
        self.assertIn("Sanntidsutvikler", d.find_element(By.ID, "handover").text)


if __name__ == "__main__":
    unittest.main()
