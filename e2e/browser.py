"""Shared headless Chromium set-up and a click that waits for the page it leads to.

A click on a submit button returns before the browser has always left the old page; reading
the next page at once is then a race that a busy CI machine loses. `follow` waits for the old
document to go stale and the new one to finish loading."""
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PAGE_TIMEOUT = 20


def make_driver():
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nb"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nb-NO,nb"})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    return driver


def follow(driver, element):
    """Clicks a link or submit button and returns once the page it leads to has loaded."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, PAGE_TIMEOUT)
    wait.until(lambda _: _is_gone(old_page))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def _is_gone(element):
    """Whether the old page's element has left the document. Mid-navigation Chromium sometimes answers
    with a generic error ("Node ... does not belong to the document") instead of a stale reference."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error) or "No node with given id" in str(error):
            return True
        raise


def sign_in(driver, server, email):
    """Signs in through the form as `email` with the demo password, starting from no cookies."""
    driver.delete_all_cookies()
    driver.get(server.base_url + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(server.password)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
