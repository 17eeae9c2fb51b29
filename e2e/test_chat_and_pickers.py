"""Browser test: the channels one belongs to sit beside the conversation and count what is new as it
arrives; "@" in the composer suggests members and is driven by the keyboard; a person picker narrows
as one types."""
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import PAGE_TIMEOUT, follow, make_driver, sign_in
from lovnad_server import DemoServer

CHANNEL = "Kaffe og prat"


class ChatAndPickers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.ola = make_driver()
        cls.nora = make_driver()
        consultants = cls.server.sign_ins["consultant"]
        cls.ola_email = next(e for e in consultants if e.startswith("ola."))
        sign_in(cls.ola, cls.server, cls.ola_email)
        sign_in(cls.nora, cls.server, next(e for e in consultants if e.startswith("nora.")))

    @classmethod
    def tearDownClass(cls):
        cls.ola.quit()
        cls.nora.quit()
        cls.server.stop()

    def open_channel(self, driver, name):
        driver.get(self.server.base_url + "/channels")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "main > ul.channel-list").find_element(By.LINK_TEXT, name))
        WebDriverWait(driver, PAGE_TIMEOUT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "[data-live-channel]").get_attribute("data-live-ready") == "true")

    def post(self, driver, text):
        driver.find_element(By.ID, "body").send_keys(text)
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form.composer button[type=submit]"))

    def test_1_the_sidebar_counts_new_messages_and_mentions_as_they_arrive(self):
        # Ola reads another of his channels; Kaffe og prat is in the list beside it.
        self.ola.get(self.server.base_url + "/channels")
        mine = [a.text for a in self.ola.find_elements(By.CSS_SELECTOR, "main > ul.channel-list li[data-channel-id] > a")]
        other = next(name for name in mine if name != CHANNEL)
        self.open_channel(self.ola, CHANNEL)  # read it first, so its counts start at nought
        self.open_channel(self.ola, other)
        side = self.ola.find_element(By.CSS_SELECTOR, "nav.channel-sidebar")
        self.assertTrue(side.is_displayed(), "the list is beside the conversation at 1280 px")
        item = side.find_element(By.XPATH, ".//li[a[normalize-space()='%s']]" % CHANNEL)
        self.assertFalse(item.find_element(By.CSS_SELECTOR, ".count.unread").is_displayed())
        self.open_channel(self.nora, CHANNEL)
        self.post(self.nora, "Noen som vil ha kaffe %d?" % time.time())
        self.post(self.nora, "@%s du også?" % self.ola_email.split("@")[0])
        unread = item.find_element(By.CSS_SELECTOR, ".count.unread")
        mentions = item.find_element(By.CSS_SELECTOR, ".count.mentions")
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: unread.is_displayed() and unread.text.strip() == "2")
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: mentions.is_displayed() and mentions.text.strip() == "@1")
        self.assertEqual(unread.get_attribute("aria-label"), "2 uleste")
        self.assertEqual(mentions.get_attribute("aria-label"), "1 omtale av deg")
        # After a reload the server says the same.
        self.ola.refresh()
        item = self.ola.find_element(By.XPATH, "//nav[@class='channel-sidebar']//li[a[normalize-space()='%s']]" % CHANNEL)
        self.assertEqual(item.find_element(By.CSS_SELECTOR, ".count.unread").get_attribute("aria-label"), "2 uleste")

    def test_2_at_suggests_members_and_the_keyboard_picks_one(self):
        self.open_channel(self.ola, CHANNEL)
        area = self.ola.find_element(By.ID, "body")
        area.send_keys("Hei @nor")
        listbox = self.ola.find_element(By.ID, "body-suggestions")
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: listbox.is_displayed() and "Nora Berg" in listbox.text)
        self.assertEqual(listbox.get_attribute("role"), "listbox")
        options = listbox.find_elements(By.CSS_SELECTOR, "[role=option]")
        self.assertEqual(area.get_attribute("aria-activedescendant"), options[0].get_attribute("id"))
        self.assertEqual(options[0].get_attribute("aria-selected"), "true")
        status = self.ola.find_element(By.CSS_SELECTOR, "form.composer [role=status]")
        self.assertIn("forslag", status.get_attribute("textContent"))
        area.send_keys(Keys.ENTER)
        self.assertEqual(area.get_attribute("value"), "Hei @nora.berg ")
        self.assertFalse(listbox.is_displayed())
        self.assertIsNone(area.get_attribute("aria-activedescendant"))
        # Esc closes the list and leaves the text as typed.
        area.send_keys("og @ol")
        WebDriverWait(self.ola, PAGE_TIMEOUT).until(lambda d: listbox.is_displayed())
        area.send_keys(Keys.ESCAPE)
        self.assertFalse(listbox.is_displayed())
        self.assertEqual(area.get_attribute("value"), "Hei @nora.berg og @ol")
        area.clear()

    def test_3_the_person_picker_narrows_as_one_types_and_still_posts_as_a_select(self):
        self.ola.get(self.server.base_url + "/channels")
        picker = self.ola.find_element(By.ID, "members")
        total = len(picker.find_elements(By.TAG_NAME, "option"))
        self.assertGreater(total, 5)
        field = self.ola.find_element(By.ID, "members-filter")
        self.assertIn("Filtrer listen", field.get_attribute("aria-label"))
        field.send_keys("nora")
        shown = [o.text for o in picker.find_elements(By.TAG_NAME, "option")]
        self.assertEqual(shown, ["Nora Berg"])
        Select(picker).select_by_visible_text("Nora Berg")
        field.clear()
        field.send_keys(" ")  # a blank filter shows all again, the choice kept
        self.assertEqual(len(picker.find_elements(By.TAG_NAME, "option")), total)
        self.assertEqual([o.text for o in Select(picker).all_selected_options], ["Nora Berg"])
        follow(self.ola, picker.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
        self.assertIn("/channels/", self.ola.current_url)
        self.assertEqual(self.ola.find_element(By.TAG_NAME, "h1").text.count("Nora"), 1)


if __name__ == "__main__":
    unittest.main()
