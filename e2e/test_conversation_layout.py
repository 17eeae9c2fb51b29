"""Browser test: a channel reads like chat. It opens at the newest message with the composer in view,
older messages load as you scroll up, and a message that arrives live looks exactly like the one the
server renders after a reload."""
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import PAGE_TIMEOUT, follow, make_driver, sign_in
from lovnad_server import DemoServer

CHANNEL = "Kaffe og prat"


def in_view(driver, element):
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;", element)


class ConversationLayout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        # More history than one page holds.
        cls.server.command("bench-data", "messages", "--count", "120", "--channel", CHANNEL)
        cls.ola = make_driver()
        cls.nora = make_driver()
        consultants = cls.server.sign_ins["consultant"]
        sign_in(cls.ola, cls.server, next(e for e in consultants if e.startswith("ola.")))
        sign_in(cls.nora, cls.server, next(e for e in consultants if e.startswith("nora.")))

    @classmethod
    def tearDownClass(cls):
        cls.ola.quit()
        cls.nora.quit()
        cls.server.stop()

    def open_channel(self, driver):
        driver.get(self.server.base_url + "/channels")
        follow(driver, driver.find_element(By.LINK_TEXT, CHANNEL))
        WebDriverWait(driver, PAGE_TIMEOUT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "[data-live-channel]").get_attribute("data-live-ready") == "true")

    def messages(self, driver):
        return driver.find_elements(By.CSS_SELECTOR, ".conversation ol.messages > li.message")

    def test_1_opens_at_the_newest_with_the_composer_in_view_and_loads_older_on_scrolling_up(self):
        self.open_channel(self.ola)
        shown = self.messages(self.ola)
        self.assertEqual(len(shown), 50)
        self.assertTrue(in_view(self.ola, shown[-1]), "the newest message is in view")
        self.assertTrue(in_view(self.ola, self.ola.find_element(By.ID, "body")), "the composer is in view")
        self.assertFalse(in_view(self.ola, shown[0]), "the oldest shown is scrolled away")
        # Scrolling to the top of the conversation brings the next fifty, in order, above the first.
        first_id = shown[0].get_attribute("data-message-id")
        self.ola.execute_script("const s = document.querySelector('.conversation-scroll'); s.scrollTop = -s.scrollHeight;")
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: len(self.messages(d)) == 100)
        ids = [li.get_attribute("data-message-id") for li in self.messages(self.ola)]
        self.assertEqual(ids.index(first_id), 50)
        self.assertEqual(len(set(ids)), 100)

    def test_2_a_live_message_looks_as_the_server_renders_it(self):
        self.open_channel(self.ola)
        self.open_channel(self.nora)
        self.ola.execute_script("window.stayedOnPage = true;")
        for text in ("Første tanke %d" % time.time(), "og en til"):
            self.nora.find_element(By.ID, "body").send_keys(text)
            follow(self.nora, self.nora.find_element(By.CSS_SELECTOR, "form.composer button[type=submit]"))
            WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: text in self.messages(d)[-1].text)
        self.assertTrue(self.ola.execute_script("return window.stayedOnPage === true;"))
        live = self.messages(self.ola)[-2:]
        seen = [(li.get_attribute("id"), li.get_attribute("class"), li.get_attribute("innerText"),
                 sorted(a.get_attribute("action") for a in li.find_elements(By.CSS_SELECTOR, "form"))) for li in live]
        # Nora's second message follows her first as one group.
        self.assertIn("continued", seen[1][1])
        self.assertTrue(in_view(self.ola, live[1]), self.ola.execute_script(
            "const s = document.querySelector('.conversation-scroll'); const r = arguments[0].getBoundingClientRect();"
            "return [s.scrollTop, s.scrollHeight, s.clientHeight, r.top, r.bottom, window.innerHeight, window.scrollY];", live[1]))
        self.ola.refresh()
        rendered = [self.ola.find_element(By.ID, id_) for id_, _, _, _ in seen]
        for (id_, classes, text, forms), li in zip(seen, rendered):
            self.assertEqual(classes, li.get_attribute("class"), id_)
            self.assertEqual(text, li.get_attribute("innerText"), id_)
            self.assertEqual(forms, sorted(a.get_attribute("action") for a in li.find_elements(By.CSS_SELECTOR, "form")), id_)


if __name__ == "__main__":
    unittest.main()
