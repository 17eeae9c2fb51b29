"""Browser test: a consultant asks a question, a colleague answers it, the asker accepts the answer,
and the next person typing a question like it is shown the answered one while typing."""
import time
import unittest

from selenium.webdriver.common.by import By

from browser import follow, make_driver, sign_in
from lovnad_server import DemoServer

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

    def test_ask_answer_accept_and_find_it_while_typing(self):
        d = self.driver
        asker, answerer = self.server.sign_ins["consultant"][0], self.server.sign_ins["consultant"][1]
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

        # A colleague answers; the answer is shown on the question.
        sign_in(d, self.server, answerer)
        d.get(url)
        d.find_element(By.ID, "answer-body").send_keys("Bruk Prometheus med **Alertmanager**.")
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

        # Someone typing a question like it sees the answered one before posting.
        sign_in(d, self.server, answerer)
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
