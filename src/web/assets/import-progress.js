// An import's page, enhanced: the progress bar and its text follow the import by asking the
// server for its progress every second, and once the import has ended the page is loaded
// again to show the summary (or the error). Without this script the page reloads itself.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-import-progress");
  var bar = box.querySelector("progress");
  var text = box.querySelector(".import-progress-text");
  var status = document.querySelector(".import-status");
  var names = { queued: "Waiting to start", running: "Running", done: "Done", failed: "Failed" };

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    text.textContent = job.detail ? job.percent + "% · " + job.detail : job.percent + "%";
    if (status && names[job.status]) status.textContent = names[job.status];
  }

  function poll() {
    window
      .fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        // A network hiccup or a restart: try again, a little later.
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, 500);
})();
