// The review editor, enhanced: the page works without this script (Preview and Save are plain
// form posts). With it:
// - a live preview under the text, rendered by the server exactly as the review page will show
//   it, shortly after typing stops; a slow answer never replaces a newer one;
// - every change is kept at once in this browser's localStorage (keyed by person and review,
//   or by the new review's draft key) and sent to the server's autosave every few seconds; the
//   status line says which of the two holds the latest text;
// - text this browser kept that never reached the server is offered back on the next visit,
//   with Restore and Discard (the server offers its own autosaves in the page itself);
// - leaving the page with changes not saved for real asks first.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var body = form.querySelector('textarea[name="body"]');
  var csrf = form.querySelector('input[name="_csrf"]');
  var draftField = form.querySelector('input[name="draftKey"]');
  var status = document.getElementById("autosave-status");
  var pane = document.getElementById("live-preview");
  var paneBody = pane ? pane.querySelector(".review-body") : null;
  var offer = document.getElementById("local-backup");
  if (!body || !csrf || !status) return;

  /** A form post answered with JSON; a refusal (any status but 2xx) rejects with its status. */
  function postForJson(url, data) {
    return window
      .fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) throw response.status;
        return response.json();
      });
  }

  var reviewId = form.getAttribute("data-review-id") || "";
  var prefix = "cinelog-editor:" + form.getAttribute("data-user-id") + ":";
  var saveEveryMs = 2000;
  var previewAfterMs = 400;
  var retryAfterMs = 10000;
  // Fields that are not the writer's text.
  var skip = { _csrf: true, intent: true, draftKey: true };

  function storageKey() {
    return reviewId
      ? prefix + "review:" + reviewId
      : prefix + "new:" + (draftField ? draftField.value : "");
  }

  // --- the copy kept on this device -----------------------------------------------------------
  var storageWorks = true;
  function readBackup(key) {
    try {
      var raw = window.localStorage.getItem(key);
      var parsed = raw ? JSON.parse(raw) : null;
      return parsed && typeof parsed === "object" && parsed.values ? parsed : null;
    } catch {
      return null;
    }
  }
  function writeBackup(key, backup) {
    try {
      window.localStorage.setItem(key, JSON.stringify(backup));
      storageWorks = true;
    } catch {
      storageWorks = false;
    }
  }
  function removeBackup(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      /* nothing kept, nothing to remove */
    }
  }
  function backupKeys() {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) keys.push(k);
      }
    } catch {
      /* no storage: no keys */
    }
    return keys;
  }

  // --- the form's values --------------------------------------------------------------------
  function currentValues() {
    var values = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || skip[el.name] || el.type === "submit" || el.type === "button") continue;
      if (el.type === "checkbox") values[el.name] = el.checked;
      else if (el.type === "radio") {
        if (el.checked) values[el.name] = el.value;
      } else values[el.name] = el.value;
    }
    return values;
  }
  function applyValues(values) {
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || skip[el.name] || !(el.name in values)) continue;
      var value = values[el.name];
      if (el.type === "checkbox") el.checked = value === true;
      else if (el.type === "radio") el.checked = value === el.value;
      else if (el.type !== "submit" && el.type !== "button") el.value = String(value);
    }
  }
  function canonical(values) {
    return JSON.stringify(
      Object.keys(values)
        .sort()
        .map(function (k) {
          return [k, values[k]];
        }),
    );
  }
  function hasText(values) {
    return Object.keys(values).some(function (k) {
      return k !== "seriesPlacement" && values[k] !== "" && values[k] !== false;
    });
  }
  function clock(date) {
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  /** Restored text for a new film must be seen: unfold its fields. */
  function openNewFilmIfTyped(values) {
    var fold = document.getElementById("new-film");
    if (fold && String(values.newFilmTitle || "").trim()) fold.open = true;
  }

  // --- status line --------------------------------------------------------------------------
  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }
  function notSaved(reason) {
    say(
      storageWorks
        ? "Not saved — kept on this device. " + reason
        : "Not saved, and this browser cannot keep a copy either: copy your text somewhere safe. " +
            reason,
    );
  }

  // --- autosave -----------------------------------------------------------------------------
  var dirty = false;
  var submitting = false;
  var saveTimer = null;
  var saving = false;
  var again = false;

  function scheduleSave(delay) {
    if (saveTimer) return;
    saveTimer = window.setTimeout(autosave, delay);
  }

  function autosave() {
    saveTimer = null;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    var values = currentValues();
    var key = storageKey();
    var data = new window.URLSearchParams(new window.FormData(form));
    data.delete("intent");
    if (reviewId) data.set("reviewId", reviewId);
    postForJson("/admin/reviews/autosave", data)
      .then(function (json) {
        var kept = readBackup(key);
        // The device's copy is now also on the server, unless typing went on meanwhile.
        if (kept && canonical(kept.values) === canonical(values)) {
          kept.synced = true;
          writeBackup(key, kept);
        }
        say("Saved to the server at " + clock(new Date(json.savedAt)) + ".");
      })
      .catch(function (code) {
        if (code === 403) {
          notSaved(
            "Your session or this page has expired: sign in again in another tab, then reload this page to get the text back.",
          );
        } else {
          notSaved("The server could not be reached; trying again.");
          scheduleSave(retryAfterMs);
        }
      })
      .then(function () {
        saving = false;
        if (again) {
          again = false;
          scheduleSave(0);
        }
      });
  }

  // --- live preview -------------------------------------------------------------------------
  var previewTimer = null;
  var asked = 0;
  var shown = 0;

  function preview() {
    if (!paneBody) return;
    var ask = ++asked;
    var data = new window.URLSearchParams();
    data.set("_csrf", csrf.value);
    data.set("body", body.value);
    pane.setAttribute("aria-busy", "true");
    postForJson("/admin/reviews/preview", data)
      .then(function (json) {
        // Answers can arrive out of order: never let an older text replace a newer one.
        if (ask < shown) return;
        shown = ask;
        paneBody.innerHTML = json.html;
        if (ask === asked) pane.removeAttribute("aria-busy");
      })
      .catch(function () {
        if (ask === asked) pane.removeAttribute("aria-busy");
      });
  }

  // --- changes ------------------------------------------------------------------------------
  function changed(target) {
    dirty = true;
    writeBackup(storageKey(), { values: currentValues(), changedAt: Date.now(), synced: false });
    scheduleSave(saveEveryMs);
    if (!target || target === body) {
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(preview, previewAfterMs);
    }
  }
  form.addEventListener("input", function (event) {
    changed(event.target);
  });
  form.addEventListener("change", function (event) {
    if (event.target !== body) changed(event.target);
  });
  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty || submitting) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // --- on arrival: clean up, offer what the device kept -------------------------------------
  var justSaved = form.getAttribute("data-saved-draft-key");
  if (justSaved) removeBackup(prefix + "new:" + justSaved);
  // Saved values may read differently from typed ones ("a,b" comes back as "a, b"): after a
  // save, the device's copy of this review is not something to offer back.
  if (reviewId && form.getAttribute("data-just-saved") === "true") removeBackup(storageKey());
  var pristine = form.getAttribute("data-pristine") === "true";
  var here = currentValues();
  var offered = null;

  function consider(key) {
    var kept = readBackup(key);
    if (!kept) return;
    // Synced copies are on the server, which offers them itself; equal ones are in the form.
    if (kept.synced || !hasText(kept.values) || canonical(kept.values) === canonical(here)) {
      removeBackup(key);
      return;
    }
    if (!offered || kept.changedAt > offered.backup.changedAt) offered = { key: key, backup: kept };
  }
  consider(storageKey());
  if (!reviewId) {
    backupKeys().forEach(function (key) {
      if (key.indexOf(prefix + "new:") === 0 && key !== storageKey()) consider(key);
    });
  }

  if (offered && offer) {
    var when = new Date(offered.backup.changedAt);
    // The admin's format for times, as the server's own offers write them (shortTime).
    offer.querySelector(".local-backup-time").textContent =
      when.toISOString().slice(0, 16).replace("T", " ") + " UTC";
    var words = String(offered.backup.values.body || "")
      .replace(/\s+/g, " ")
      .trim();
    offer.querySelector(".local-backup-summary").textContent = words
      ? "It begins: “" + (words.length > 80 ? words.slice(0, 80) + "…" : words) + "”"
      : "";
    offer.hidden = false;
    offer.addEventListener("click", function (event) {
      var choice = event.target.getAttribute && event.target.getAttribute("data-local-backup");
      if (!choice) return;
      if (choice === "restore") {
        var prefixNew = prefix + "new:";
        if (!reviewId && draftField && offered.key.indexOf(prefixNew) === 0) {
          // Carry on under the key it was kept under.
          draftField.value = offered.key.slice(prefixNew.length);
        }
        applyValues(offered.backup.values);
        openNewFilmIfTyped(offered.backup.values);
        changed(null);
        body.focus();
      } else {
        removeBackup(offered.key);
      }
      offer.hidden = true;
    });
  }

  if (pane) {
    pane.hidden = false;
    if (body.value.trim()) preview();
  }
  // A form that came back with text not saved for real (a preview, an error, a restore).
  if (!pristine && !offered) changed(null);
})();
