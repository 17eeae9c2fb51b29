// Progressive enhancement only: every page works without this file.
// Buttons marked "danger" ask before they act.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && button.classList.contains("danger")) {
    const question = document.documentElement.lang === "en" ? "Are you sure?" : "Er du sikker?";
    if (!window.confirm(question)) event.preventDefault();
  }
});
