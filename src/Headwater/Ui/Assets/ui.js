// The little script the UI needs: pages that show a sync in progress reload themselves until it ends, and buttons
// that ask for confirmation ask before their form is sent. Everything works without it, only less conveniently.
(() => {
  const refresh = document.querySelector("[data-refresh]");
  if (refresh) {
    setTimeout(() => location.reload(), Number(refresh.getAttribute("data-refresh")) || 2000);
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", event => {
      if (!confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  }
})();
