"""Browser test: two people in the same channel see each other's message and reaction appear without
a reload, over the live WebSocket; a draft survives a reload."""
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import PAGE_TIMEOUT, follow, make_driver, sign_in
from lovnad_server import DemoServer

CHANNEL = "Kaffe og prat"


class ConversationLive(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.ola = make_driver()
        cls.nora = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.ola.quit()
        cls.nora.quit()
        cls.server.stop()

    def open_channel(self, driver, email):
        sign_in(driver, self.server, email)
        driver.get(self.server.base_url + "/channels")
        follow(driver, driver.find_element(By.LINK_TEXT, CHANNEL))
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, CHANNEL)
        WebDriverWait(driver, PAGE_TIMEOUT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "[data-live-channel]").get_attribute("data-live-ready") == "true")

    def message_with(self, driver, text):
        for li in driver.find_elements(By.CSS_SELECTOR, "ol.messages li.message"):
            if text in li.text:
                return li
        return None

    def test_messages_and_reactions_appear_live(self):
        consultants = self.server.sign_ins["consultant"]
        ola_email = next(e for e in consultants if e.startswith("ola."))
        nora_email = next(e for e in consultants if e.startswith("nora."))
        self.open_channel(self.ola, ola_email)
        self.ola.execute_script("window.stayedOnPage = true;")
        self.open_channel(self.nora, nora_email)

        # Nora posts through the plain form; Ola's page shows it without reloading.
        text = "Hvem blir med på lunsj? %d" % int(time.time())
        self.nora.find_element(By.ID, "body").send_keys(text)
        follow(self.nora, self.nora.find_element(By.CSS_SELECTOR, "form.composer button[type=submit]"))
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: self.message_with(d, text) is not None)
        self.assertTrue(self.ola.execute_script("return window.stayedOnPage === true;"))
        self.assertIn("Nora Berg", self.message_with(self.ola, text).text)

        # Ola reacts with one tap; Nora's page (live again after her post) shows the count in place.
        WebDriverWait(self.nora, PAGE_TIMEOUT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "[data-live-channel]").get_attribute("data-live-ready") == "true")
        self.nora.execute_script("window.stayedOnPage = true;")
        thumbs = self.message_with(self.ola, text).find_element(By.CSS_SELECTOR, "button.reaction[data-emoji='👍']")
        thumbs.click()
        WebDriverWait(self.nora, PAGE_TIMEOUT).until(lambda d: "👍 1" in (self.message_with(d, text) or d).text)
        self.assertTrue(self.nora.execute_script("return window.stayedOnPage === true;"))
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(
            lambda d: "mine" in self.message_with(d, text).find_element(By.CSS_SELECTOR, "button.reaction[data-emoji='👍']").get_attribute("class"))
        self.assertTrue(self.ola.execute_script("return window.stayedOnPage === true;"))

        # A draft survives a reload.
        self.ola.find_element(By.ID, "body").send_keys("Halvferdig tanke")
        self.ola.refresh()
        self.assertEqual(self.ola.find_element(By.ID, "body").get_attribute("value"), "Halvferdig tanke")


if __name__ == "__main__":
    unittest.main()
