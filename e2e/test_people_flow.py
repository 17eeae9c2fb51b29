"""Browser tests: sign in, find people by a skill synonym, open a person, edit one's own skills."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import follow, make_driver, sign_in
from lovnad_server import DemoServer



class PeopleFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        print(f"lovnad demo ready in {cls.server.ready_seconds:.1f} s")
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def open(self, path):
        self.driver.get(self.server.base_url + path)

    def sign_in(self, email):
        sign_in(self.driver, self.server, email)
        self.assertEqual(self.driver.current_url.rstrip("/"), self.server.base_url)

    def test_demo_prints_the_sign_ins(self):
        self.assertEqual(len(self.server.sign_ins.get("consultant", [])), 3)
        for role in ("admin", "leader", "sales"):
            self.assertEqual(len(self.server.sign_ins.get(role, [])), 1, role)
        self.assertLess(self.server.ready_seconds, 60)

    def test_wrong_password_is_refused(self):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.driver.find_element(By.ID, "email").send_keys(self.server.sign_ins["leader"][0])
        self.driver.find_element(By.ID, "password").send_keys("not the password")
        follow(self.driver, self.driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
        self.assertIn("Feil e-post eller passord", self.driver.find_element(By.CSS_SELECTOR, ".flash.error").text)

    def test_find_by_synonym_open_person_and_edit_my_skills(self):
        me = self.server.sign_ins["consultant"][0]
        self.sign_in(me)

        # The directory, searched by a synonym, shows the skill it means.
        follow(self.driver, self.driver.find_element(By.LINK_TEXT, "Folk"))
        self.driver.find_element(By.ID, "skill").send_keys("k8s")
        follow(self.driver, self.driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        self.assertIn("Kubernetes", self.driver.find_element(By.CSS_SELECTOR, "p.hint").text)
        people = self.driver.find_elements(By.CSS_SELECTOR, ".people-list .person-row a")
        self.assertGreater(len(people), 0)
        name = people[0].text
        follow(self.driver, people[0])
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, name)
        skills = [row.get_attribute("data-skill") for row in self.driver.find_elements(By.CSS_SELECTOR, "tr.skill-row")]
        self.assertIn("Kubernetes", skills)

        # Edit my skills: add Rust at level 3 (by typing it), and save.
        self.open("/me/skills")
        rows = int(self.driver.find_element(By.NAME, "rows").get_attribute("value"))
        blank = rows - 3
        self.driver.find_element(By.ID, f"skill_{blank}").send_keys("Rust")
        Select(self.driver.find_element(By.ID, f"level_{blank}")).select_by_value("3")
        self.driver.find_element(By.ID, f"grow_{blank}").click()
        follow(self.driver, self.driver.find_element(By.CSS_SELECTOR, "#my-skills button[type=submit]"))
        self.assertIn("Lagret", self.driver.find_element(By.CSS_SELECTOR, ".flash").text)

        # It shows on my own person page, with "wants to grow".
        follow(self.driver, self.driver.find_element(By.CSS_SELECTOR, ".account a.me"))
        row = self.driver.find_element(By.CSS_SELECTOR, "tr.skill-row[data-skill='Rust']")
        self.assertIn("3/5", row.text)
        self.assertIn("Vil lære mer", row.text)

        # And "who knows" finds me by a synonym of nothing else: Rust itself.
        self.open("/experts?skill=rust")
        names = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "ol.experts li.expert > a")]
        self.assertGreater(len(names), 0)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "ol.experts .reasons li"))

    def test_pages_have_landmarks_and_language(self):
        self.sign_in(self.server.sign_ins["leader"][0])
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "nb")
        self.assertTrue(self.driver.find_elements(By.TAG_NAME, "main"))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "nav[aria-label]"))
        self.open("/people/00000000-0000-0000-0000-000000000000")
        self.assertIn("Fant ikke siden", self.driver.find_element(By.TAG_NAME, "h1").text)


if __name__ == "__main__":
    unittest.main()
