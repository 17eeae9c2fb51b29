"""Browser test: a consultant asks a question, an expert it was routed to finds it under questions for
them and answers it, the asker accepts the answer, the answer is found by searching an inflected word
from it in the search box every page has, and the next person typing a question like it is shown the
answered one while typing. The search results and knowledge health pages pass axe-core."""
import json
import time
import unittest

from selenium.webdriver.common.by import By

from browser import follow, make_driver, sign_in
from lovnad_server import DemoServer
from test_every_page import axe_source

TITLE = "Hvordan overvåker vi Kubernetes-klyngen hos kunden?"


class QuestionFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def email(self, name):
        folded = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
        return ".".join(folded.split()) + "@" + self.server.sign_ins["consultant"][0].split("@")[1]

    def assert_accessible(self, what):
        d = self.driver
        d.execute_script(axe_source())
        result = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}).then(r => done(JSON.stringify(r.violations)));")
        serious = [v["id"] for v in json.loads(result) if v.get("impact") in ("serious", "critical")]
        self.assertEqual(serious, [], what)

    def test_ask_answer_accept_and_find_it_while_typing(self):
        d = self.driver
        asker = self.server.sign_ins["consultant"][0]
        sign_in(d, self.server, asker)
        d.get(self.server.base_url + "/questions")
        follow(d, d.find_element(By.LINK_TEXT, "Still et spørsmål"))
        d.find_element(By.ID, "title").send_keys(TITLE)
        d.find_element(By.ID, "body").send_keys("Vi trenger varsler når noder går ned.")
        d.find_element(By.ID, "skills").send_keys("Kubernetes")
        follow(d, d.find_element(By.CSS_SELECTOR, "form.question-form button[type=submit]"))
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, TITLE)
        self.assertIn("Spørsmålet ditt er stilt", d.find_element(By.CSS_SELECTOR, ".flash").text)
        routes = d.find_element(By.CSS_SELECTOR, "section.routes").text
        self.assertIn("nivå", routes)  # those asked, with why
        url = d.current_url
        expert = d.find_element(By.CSS_SELECTOR, "section.routes li a").text

        # The first expert asked finds it among questions for them and answers it.
        sign_in(d, self.server, self.email(expert))
        d.get(self.server.base_url + "/questions")
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "nav.tabs a[aria-current=page]").text, "Til deg")
        follow(d, d.find_element(By.LINK_TEXT, TITLE))
        d.find_element(By.ID, "answer-body").send_keys("Bruk Prometheus med **Alertmanager**, og send varslene til vaktkanalen.")
        follow(d, d.find_element(By.CSS_SELECTOR, "section.answer-form button[type=submit]"))
        self.assertIn("Svaret ditt er publisert", d.find_element(By.CSS_SELECTOR, ".flash").text)
        answer = d.find_element(By.CSS_SELECTOR, "article.answer")
        self.assertEqual(answer.find_element(By.TAG_NAME, "strong").text, "Alertmanager")

        # The asker accepts it.
        sign_in(d, self.server, asker)
        d.get(url)
        follow(d, d.find_element(By.XPATH, "//article[contains(@class,'answer')]//button[normalize-space()='Aksepter svaret']"))
        self.assertIn("Svaret er akseptert", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertIn("Akseptert svar", d.find_element(By.CSS_SELECTOR, "article.answer.accepted").text)

        # Another inflection of a word in the answer finds it from the search box in the header.
        box = d.find_element(By.ID, "site-search-q")
        box.send_keys("varsler")
        follow(d, d.find_element(By.CSS_SELECTOR, "form.site-search button[type=submit]"))
        follow(d, d.find_element(By.LINK_TEXT, "Svar"))
        hits = d.find_elements(By.CSS_SELECTOR, "li.search-hit")
        self.assertTrue(any(TITLE in h.text for h in hits), [h.text for h in hits])
        marked = [m.text for h in hits for m in h.find_elements(By.TAG_NAME, "mark")]
        self.assertIn("varslene", marked)
        self.assert_accessible("search results")
        d.get(self.server.base_url + "/knowledge")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Kunnskapshelse")
        self.assert_accessible("knowledge health")

        # Someone typing a question like it sees the answered one before posting.
        sign_in(d, self.server, self.server.sign_ins["consultant"][1])
        d.get(self.server.base_url + "/questions/new")
        d.find_element(By.ID, "title").send_keys("Overvåking av kubernetes")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and d.find_element(By.ID, "similar-questions").get_attribute("hidden") is not None:
            time.sleep(0.1)
        similar = d.find_element(By.ID, "similar-questions")
        self.assertIsNone(similar.get_attribute("hidden"))
        self.assertEqual(similar.find_element(By.TAG_NAME, "a").text, TITLE)


if __name__ == "__main__":
    unittest.main()
