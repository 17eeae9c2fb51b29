"""Browser test: in a company too large to list, a person picker is a field one types a name into;
the script suggests people from the directory, the keyboard picks one, and the form posts what the
server resolves. The page with the field passes axe-core."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import PAGE_TIMEOUT, follow, make_driver, sign_in
from lovnad_server import DemoServer
from test_every_page import axe_source


class PersonLookup(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        # Past the picker's list limit (300 active people).
        cls.server.command("bench-data", "company", "--count", "320")
        cls.driver = make_driver()
        cls.ola = next(e for e in cls.server.sign_ins["consultant"] if e.startswith("ola."))
        sign_in(cls.driver, cls.server, cls.ola)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def test_typing_a_name_suggests_people_and_the_keyboard_picks_one(self):
        d = self.driver
        d.get(self.server.base_url + "/channels")
        field = d.find_element(By.ID, "members")
        self.assertEqual(field.tag_name, "input")
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "select#members"), [])
        self.assertIn("skill flere med komma", d.find_element(By.ID, "members-hint").text)
        field.send_keys("nora")
        listbox = d.find_element(By.ID, "members-suggestions")
        WebDriverWait(d, PAGE_TIMEOUT).until(lambda _: listbox.is_displayed() and "Nora Berg" in listbox.text)
        self.assertEqual(listbox.get_attribute("role"), "listbox")
        self.assertEqual(field.get_attribute("aria-activedescendant"), "members-suggestions-0")
        field.send_keys(Keys.ENTER)
        self.assertFalse(listbox.is_displayed())
        self.assertEqual(field.get_attribute("value"), "nora.berg@fjordkompetanse.no, ")

        d.execute_script(axe_source())
        violations = d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)));""")
        self.assertEqual(violations, [])

        follow(d, field.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
        self.assertIn("/channels/", d.current_url)
        self.assertIn("Nora", d.find_element(By.TAG_NAME, "h1").text)

    def test_someone_unknown_is_named_at_the_field(self):
        d = self.driver
        d.get(self.server.base_url + "/channels")
        field = d.find_element(By.ID, "members")
        field.send_keys("ingen.slik@example.no")
        follow(d, field.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
        error = d.find_element(By.ID, "members-error")
        self.assertIn("«ingen.slik@example.no»", error.text)
        self.assertIn("members-error", d.find_element(By.ID, "members").get_attribute("aria-describedby"))


if __name__ == "__main__":
    unittest.main()
