"""Browser test over every kind of page the demo's people reach, in bokmål and in English:
no page scrolls sideways on a 390 px wide phone, and axe-core finds no serious or critical
accessibility violation. Pages are found by following links from home; of each kind of page
(its path with ids taken out) the first two are checked, so the run stays short as data grows."""
import os
import re
import unittest
import urllib.parse

from selenium.webdriver.common.by import By

from lovnad_server import DemoServer
from browser import follow, make_driver, sign_in

ID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
SKIP = ("/logout", "/api/", "/assets/", "/calendar/", "/openapi")
PER_KIND = 2
PHONE = 390


def axe_source():
    """axe-core as shipped by axe-selenium-python (PyPI), read from its package."""
    import axe_selenium_python
    path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
    with open(path) as f:
        return f.read()


def kind(path):
    parsed = urllib.parse.urlsplit(path)
    return ID.sub("{id}", parsed.path) + ("?" + "&".join(sorted(k for k, _ in urllib.parse.parse_qsl(parsed.query))) if parsed.query else "")


class EveryPage(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer().start()
        cls.driver = make_driver()
        cls.axe = axe_source()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def pages(self, limit=60):
        """Pages reachable from home by links, the first few of each kind."""
        d, base = self.driver, self.server.base_url
        queue, seen, counts, found = ["/"], {"/"}, {}, []
        while queue and len(found) < limit:
            path = queue.pop(0)
            k = kind(path)
            if counts.get(k, 0) >= PER_KIND:
                continue
            counts[k] = counts.get(k, 0) + 1
            d.get(base + path)
            found.append(path)
            for a in d.find_elements(By.CSS_SELECTOR, "a[href]"):
                href = a.get_attribute("href") or ""
                if not href.startswith(base):
                    continue
                p = href[len(base):].split("#")[0] or "/"
                if p not in seen and not p.startswith(SKIP) and counts.get(kind(p), 0) < PER_KIND:
                    seen.add(p)
                    queue.append(p)
        return found

    def check(self, email, language):
        d = self.driver
        sign_in(d, self.server, email)
        if language == "en":
            d.get(self.server.base_url + "/me/profile")
            d.find_element(By.CSS_SELECTOR, "#locale option[value=en]").click()
            follow(d, d.find_element(By.CSS_SELECTOR, "form[action='/me/profile'] button[type=submit]"))
        sideways, violations = [], {}
        d.set_window_size(PHONE, 900)
        try:
            pages = self.pages()
            for path in pages:
                d.get(self.server.base_url + path)
                width = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
                if width[0] > width[1] + 1:
                    wide = d.execute_script("""
                        const w = window.innerWidth; const out = [];
                        const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
                        // The outermost elements that reach past the edge, with their parents.
                        for (const el of document.querySelectorAll('body *')) {
                          const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
                          if (r.right > w + 1 && p.right <= w + 1) out.push(name(el.parentElement) + ' > ' + name(el));
                          if (out.length > 3) break;
                        }
                        return out;""")
                    sideways.append(f"{path}: {width[0]} px wide ({', '.join(wide)})")
                d.execute_script(self.axe)
                result = d.execute_async_script("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])));""")
                for rule, impact, count, target in result:
                    if impact in ("serious", "critical"):
                        violations.setdefault(f"{rule} ({impact})", []).append(f"{kind(path)} ×{count} e.g. {target}")
        finally:
            d.set_window_size(1280, 1000)
        self.assertGreater(len(pages), 15, pages)
        return sideways, violations

    def test_a_field_with_a_limit_counts_down_while_typing(self):
        d = self.driver
        sign_in(d, self.server, self.server.sign_ins["consultant"][0])
        d.get(self.server.base_url + "/me/profile")
        bio = d.find_element(By.ID, "bio")
        bio.clear()
        bio.send_keys("Hei")
        left = d.find_element(By.ID, "bio-left")
        self.assertEqual(left.text, f"{int(bio.get_attribute('maxlength')) - 3} tegn igjen")

    def test_who_knows_forgives_a_slip_and_offers_a_message(self):
        d = self.driver
        sign_in(d, self.server, self.server.sign_ins["consultant"][0])
        d.get(self.server.base_url + "/experts")
        d.find_element(By.ID, "skill").send_keys("kubernets")
        follow(d, d.find_element(By.CSS_SELECTOR, "main form[role=search] button[type=submit]"))
        self.assertIn("Kubernetes", d.find_element(By.CSS_SELECTOR, "main h2").text)
        first = d.find_element(By.CSS_SELECTOR, "li.expert")
        name = first.find_element(By.TAG_NAME, "a").text
        self.assertRegex(first.find_element(By.CSS_SELECTOR, ".allocation").text, r"(opptatt nå|Ledig nå)")
        follow(d, first.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        self.assertIn("/channels/", d.current_url)
        self.assertIn(name, d.find_element(By.TAG_NAME, "h1").text)

    def test_the_header_counts_a_new_notification_live(self):
        import json
        import urllib.request
        from selenium.webdriver.support.ui import WebDriverWait
        d = self.driver
        me = self.server.sign_ins["consultant"][2]
        sign_in(d, self.server, me)
        d.get(self.server.base_url + "/people?q=" + urllib.parse.quote(me.split("@")[0].split(".")[0]))
        follow(d, d.find_element(By.CSS_SELECTOR, f"a[href^='/people/']"))
        person_id = d.current_url.rstrip("/").split("/")[-1]
        d.get(self.server.base_url + "/promises")
        WebDriverWait(d, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.liveReady === 'true'"))
        count = d.find_element(By.CSS_SELECTOR, ".notifications-link .count")
        before = int(count.get_attribute("textContent").strip() or 0)
        # A leader promises them something through the API; their open page counts it at once.
        token = self.server.token(self.server.sign_ins["leader"][0])
        body = json.dumps({"text": "Tilbakemelding på rapporten", "due": "2030-01-15", "source": "one_to_one",
                           "to": {"type": "person", "id": person_id}}).encode()
        request = urllib.request.Request(self.server.base_url + "/api/v1/promises", data=body, method="POST",
                                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        self.assertEqual(urllib.request.urlopen(request).status, 201)
        WebDriverWait(d, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".notifications-link .count").get_attribute("textContent").strip() == str(before + 1))
        self.assertTrue(d.find_element(By.CSS_SELECTOR, ".notifications-link .count").is_displayed())

    def test_the_menu_folds_on_a_phone(self):
        d = self.driver
        sign_in(d, self.server, self.server.sign_ins["consultant"][0])
        d.set_window_size(PHONE, 900)
        try:
            d.get(self.server.base_url + "/")
            toggle = d.find_element(By.CSS_SELECTOR, ".menu-toggle")
            nav = d.find_element(By.ID, "main-nav")
            self.assertTrue(toggle.is_displayed())
            self.assertFalse(nav.is_displayed())
            toggle.click()
            self.assertEqual(toggle.get_attribute("aria-expanded"), "true")
            self.assertTrue(nav.find_element(By.LINK_TEXT, "Kanaler").is_displayed())
            d.set_window_size(1280, 1000)
            self.assertFalse(toggle.is_displayed())
            self.assertTrue(nav.is_displayed())
        finally:
            d.set_window_size(1280, 1000)

    def test_no_page_scrolls_sideways_on_a_phone_or_fails_axe(self):
        sideways, violations = [], {}
        readers = [(self.server.sign_ins["admin"][0], "nb"), (self.server.sign_ins["sales"][0], "nb"),
                   ("marte.lie@fjordkompetanse.no", "nb"), (self.server.sign_ins["consultant"][1], "en")]
        for email, language in readers[:int(os.environ.get("E2E_READERS", len(readers)))]:
            s, v = self.check(email, language)
            sideways += [f"{email} {language} {x}" for x in s]
            for rule, where in v.items():
                violations.setdefault(rule, []).extend(where)
        report = "\n".join(f"{rule}: {len(where)} pages, {sorted(set(where))[:4]}" for rule, where in violations.items())
        self.assertEqual(sideways, [], "pages that scroll sideways at 390 px:\n" + "\n".join(sideways) + "\naxe:\n" + report)
        self.assertEqual(violations, {}, "axe, serious or critical:\n" + report)


if __name__ == "__main__":
    unittest.main()
