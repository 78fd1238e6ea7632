// The little script the UI needs: pages that show a sync in progress reload themselves until it ends, buttons that
// ask for confirmation ask before their form is sent, forms with a preview refresh it as one types, and a field with
// data-normalise shows, as it is typed, how the server will read it. Everything works without it, only less
// conveniently.
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
  // A form with data-preview posts itself (nothing is saved) to that address a moment after the last change, and the
  // HTML fragment it gets back replaces the element data-preview-target names. A newer request wins over an older one.
  for (const form of document.querySelectorAll("form[data-preview]")) {
    let timer = 0;
    let latest = 0;
    const update = async () => {
      const request = ++latest;
      const response = await fetch(form.getAttribute("data-preview"), { method: "POST", body: new FormData(form) });
      const target = document.getElementById(form.getAttribute("data-preview-target"));
      if (response.ok && request === latest && target) {
        target.outerHTML = await response.text();
      }
    };
    const later = () => { clearTimeout(timer); timer = setTimeout(update, 400); };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
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
