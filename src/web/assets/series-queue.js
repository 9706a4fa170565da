// Drag and drop for a series queue, by mouse and by keyboard. Each row gets a handle: drag it,
// or focus it, press Space (or Enter) to pick the film up, move it with the arrow keys and
// press Space again to put it down; Escape puts it back. The new order is posted with the
// order the page showed before it, so the server refuses it if someone else changed the queue
// meanwhile (src/domain/series-editing.ts). Every step is announced in the queue's live
// region. Without this script the Move up / Move down buttons do the same job.
(function () {
  "use strict";
  var list = document.getElementById("queue");
  var announcer = document.getElementById("queue-announcer");
  var help = document.getElementById("queue-drag-help");
  var tokenField = list && list.querySelector('input[name="_csrf"]');
  if (!list || !announcer || !tokenField || !window.fetch) return;
  var url = list.getAttribute("data-order-url");
  var seen = idList(list.getAttribute("data-seen"));
  var saving = Promise.resolve();
  var picked = null;
  var pickedFrom = null;
  var dragged = null;
  if (help) help.hidden = false;

  function idList(text) {
    return text ? text.split(",") : [];
  }
  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll(":scope > li.queue-entry"));
  }
  function order() {
    return rows().map(function (row) {
      return row.getAttribute("data-entry-id");
    });
  }
  function same(a, b) {
    return (
      a.length === b.length &&
      a.every(function (v, i) {
        return v === b[i];
      })
    );
  }
  function label(row) {
    return row.getAttribute("data-label");
  }
  function place(row) {
    return "number " + (rows().indexOf(row) + 1) + " of " + rows().length;
  }
  function announce(text) {
    // A fresh text node each time, so the same words twice are still read out.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }
  /** The first and last rows cannot move further: their buttons say so. */
  function refreshEnds() {
    var all = rows();
    all.forEach(function (row, i) {
      var up = row.querySelector("button.move-up");
      var down = row.querySelector("button.move-down");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === all.length - 1;
    });
  }
  function arrange(ids) {
    var byId = {};
    rows().forEach(function (row) {
      byId[row.getAttribute("data-entry-id")] = row;
    });
    ids.forEach(function (id) {
      if (byId[id]) list.appendChild(byId[id]);
    });
    refreshEnds();
  }

  function save(row) {
    saving = saving.then(function () {
      var wanted = order();
      if (same(wanted, seen)) return;
      var body = new window.URLSearchParams();
      body.set("_csrf", tokenField.value);
      body.set("seen", seen.join(","));
      body.set("order", wanted.join(","));
      return window
        .fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          body: body,
        })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              if (response.ok && data.ok) {
                seen = data.order.map(String);
                list.setAttribute("data-seen", seen.join(","));
                list.setAttribute("data-saved", String(Date.now()));
                announce("Saved: " + label(row) + " is now " + place(row) + ".");
              } else {
                arrange(seen);
                announce(
                  data.message ||
                    "The new order was not saved (the page may have expired). Reload the page and try again.",
                );
              }
            });
        })
        .catch(function () {
          arrange(seen);
          announce("The new order was not saved: the site could not be reached. Try again.");
        });
    });
  }

  // Keyboard: a handle on each row.
  rows().forEach(function (row) {
    var handle = document.createElement("button");
    handle.type = "button";
    handle.className = "drag-handle";
    handle.setAttribute("aria-pressed", "false");
    if (help) handle.setAttribute("aria-describedby", "queue-drag-help");
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "↕";
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = "Reorder " + label(row);
    handle.appendChild(icon);
    handle.appendChild(name);
    row.insertBefore(handle, row.firstChild);
    row.draggable = true;
  });

  function pickUp(row) {
    picked = row;
    pickedFrom = order();
    row.classList.add("is-picked");
    row.querySelector(".drag-handle").setAttribute("aria-pressed", "true");
    announce(
      "Picked up " +
        label(row) +
        ", " +
        place(row) +
        ". Arrow keys move it, Space puts it down, Escape cancels.",
    );
  }
  function putDown(cancel) {
    var row = picked;
    if (!row) return;
    picked = null;
    row.classList.remove("is-picked");
    row.querySelector(".drag-handle").setAttribute("aria-pressed", "false");
    if (cancel) {
      arrange(pickedFrom);
      row.querySelector(".drag-handle").focus();
      announce("Move cancelled: " + label(row) + " is back at " + place(row) + ".");
    } else if (same(order(), seen)) {
      announce(label(row) + " put down where it was.");
    } else {
      announce(label(row) + " put down at " + place(row) + ". Saving…");
      save(row);
    }
  }

  list.addEventListener("click", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) return;
    var row = handle.parentNode;
    if (picked === row) putDown(false);
    else {
      if (picked) putDown(false);
      pickUp(row);
    }
  });

  list.addEventListener("keydown", function (event) {
    if (!picked || !event.target.closest || !event.target.closest(".drag-handle")) return;
    var row = picked;
    var handle = row.querySelector(".drag-handle");
    if (event.key === "Escape") {
      event.preventDefault();
      putDown(true);
      return;
    }
    var moved = false;
    if (event.key === "ArrowUp" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
      moved = true;
    } else if (event.key === "ArrowDown" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
      moved = true;
    } else if (event.key === "Home" && row !== list.firstElementChild) {
      list.insertBefore(row, list.firstElementChild);
      moved = true;
    } else if (event.key === "End" && row !== list.lastElementChild) {
      list.appendChild(row);
      moved = true;
    }
    if (["ArrowUp", "ArrowDown", "Home", "End"].indexOf(event.key) >= 0) event.preventDefault();
    if (moved) {
      refreshEnds();
      handle.focus();
      announce(label(row) + ", " + place(row) + ".");
    }
  });

  list.addEventListener("focusout", function (event) {
    // Leaving a picked-up film (Tab, a click elsewhere) puts it down where it is.
    if (picked && event.target === picked.querySelector(".drag-handle")) {
      window.setTimeout(function () {
        if (picked && document.activeElement !== picked.querySelector(".drag-handle")) {
          putDown(false);
        }
      }, 0);
    }
  });

  // Mouse and touch screens with drag and drop.
  list.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("li.queue-entry");
    if (!row) return;
    if (picked) putDown(false);
    dragged = row;
    row.classList.add("is-picked");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", label(row));
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var over = event.target.closest && event.target.closest("li.queue-entry");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    var before = event.clientY < box.top + box.height / 2;
    list.insertBefore(dragged, before ? over : over.nextElementSibling);
    refreshEnds();
  });
  list.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });
  list.addEventListener("dragend", function () {
    var row = dragged;
    if (!row) return;
    dragged = null;
    row.classList.remove("is-picked");
    if (same(order(), seen)) return;
    announce(label(row) + " moved to " + place(row) + ". Saving…");
    save(row);
  });
})();
