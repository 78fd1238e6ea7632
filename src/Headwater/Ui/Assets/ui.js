// The little script the UI needs: pages that show a sync in progress reload themselves until it ends, buttons that
// ask for confirmation ask before their form is sent, and a field with data-normalise shows, as it is typed, how the
// server will read it. Everything works without it, only less conveniently.
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
  for (const input of document.querySelectorAll("input[data-normalise]")) {
    const output = document.getElementById(input.getAttribute("data-normalise-into"));
    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const response = await fetch(input.getAttribute("data-normalise") + "?value=" + encodeURIComponent(input.value));
        // A session that ended answers with the sign-in page, which is no answer to show here.
        if (response.ok && !response.redirected && output) {
          output.textContent = await response.text();
        }
      }, 200);
    });
  }
})();
