// The stills page, enhanced: files dropped on the zone (or chosen with the file input) are
// uploaded one at a time with a progress bar each, and their rows join the list without a
// reload, so nothing typed on the page is lost; stills can be put in order by dragging.
// Without this script the same form uploads, saves and reorders with plain posts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-still-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var uploadUrl = form.getAttribute("data-still-upload");
  var maxBytes = Number(form.getAttribute("data-max-bytes"));
  var input = form.querySelector('input[type="file"]');
  var zone = form.querySelector(".still-drop");
  var progressList = form.querySelector(".still-progress");
  var list = form.querySelector(".still-list");
  var empty = form.querySelector(".still-empty");
  var token = form.querySelector('input[name="_csrf"]').value;
  var queue = [];
  var busy = false;

  zone.hidden = false;
  zone.textContent = "Or drop image files here: each is uploaded as soon as it is dropped.";

  input.addEventListener("change", function () {
    enqueue(input.files);
    input.value = "";
  });
  zone.addEventListener("dragover", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.add("is-over");
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("is-over");
  });
  zone.addEventListener("drop", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.remove("is-over");
    enqueue(event.dataTransfer.files);
  });

  function hasFiles(event) {
    return (
      event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0
    );
  }

  function enqueue(files) {
    for (var i = 0; i < files.length; i++) {
      var item = document.createElement("li");
      var label = document.createElement("span");
      label.textContent = files[i].name + ": ";
      var status = document.createElement("span");
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Uploading " + files[i].name);
      item.appendChild(label);
      item.appendChild(status);
      item.appendChild(bar);
      progressList.appendChild(item);
      if (files[i].size > maxBytes) {
        finish(item, false, "larger than " + Math.round(maxBytes / 1048576) + " MB, not sent.");
        continue;
      }
      status.textContent = "waiting…";
      queue.push({ file: files[i], item: item, status: status, bar: bar });
    }
    next();
  }

  function finish(item, ok, message) {
    var bar = item.querySelector("progress");
    if (bar) bar.remove();
    item.querySelector("span + span").textContent = message;
    item.className = ok ? "is-done" : "is-refused";
  }

  // One at a time: the server makes eight variants of each, on a small machine.
  function next() {
    if (busy || queue.length === 0) return;
    busy = true;
    var job = queue.shift();
    job.status.textContent = "uploading… ";
    var data = new window.FormData();
    data.append("_csrf", token);
    data.append("file", job.file, job.file.name);
    var request = new window.XMLHttpRequest();
    request.open("POST", uploadUrl);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) job.bar.value = Math.round((event.loaded / event.total) * 100);
    });
    request.upload.addEventListener("load", function () {
      job.status.textContent = "resizing… ";
    });
    request.addEventListener("load", function () {
      var answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        answer = null;
      }
      if (answer && answer.ok) {
        list.insertAdjacentHTML("beforeend", answer.row);
        makeDraggable(list.lastElementChild);
        renumber();
        finish(job.item, true, "added. Give it alt text below.");
      } else {
        finish(
          job.item,
          false,
          answer && answer.message ? answer.message : "not added (the server refused it).",
        );
      }
      done();
    });
    request.addEventListener("error", function () {
      finish(job.item, false, "the upload failed (connection lost?). Try again.");
      done();
    });
    request.send(data);
  }

  function done() {
    busy = false;
    next();
  }

  // Drag and drop ordering, holding a still by its picture (so text in its fields can still
  // be selected); the Move up/down buttons stay for keyboards and no-script use.
  var dragged = null;
  var orderBefore = "";
  function currentOrder() {
    return Array.prototype.map
      .call(list.children, function (row) {
        return row.getAttribute("data-still-id");
      })
      .join(",");
  }
  function makeDraggable(row) {
    if (!row) return;
    var handle = row.querySelector(".still-thumb");
    handle.draggable = true;
    handle.title = "Drag to reorder";
    handle.addEventListener("dragstart", function (event) {
      dragged = row;
      orderBefore = currentOrder();
      row.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-still-id"));
    });
    handle.addEventListener("dragend", function () {
      row.classList.remove("is-dragging");
      dragged = null;
      if (currentOrder() === orderBefore) return;
      renumber();
      saveOrder();
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      if (dragged === row) return;
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? row.nextSibling : row);
    });
    row.addEventListener("drop", function (event) {
      if (dragged) event.preventDefault();
    });
  }
  Array.prototype.forEach.call(list.children, makeDraggable);

  function renumber() {
    var rows = list.children;
    empty.hidden = rows.length > 0;
    for (var i = 0; i < rows.length; i++) {
      var number = String(i + 1);
      rows[i].querySelector(".still-number").textContent = number;
      var buttons = rows[i].querySelectorAll(".still-actions button");
      for (var b = 0; b < buttons.length; b++) {
        buttons[b].querySelector(".visually-hidden").textContent = " still " + number;
      }
      buttons[0].disabled = i === 0;
      buttons[1].disabled = i === rows.length - 1;
    }
  }

  // Saves the new order (with the alt text and captions as typed) in the background.
  function saveOrder() {
    var data = new window.FormData(form);
    data.delete("files");
    data.set("action", "save");
    var status = document.createElement("li");
    status.textContent = "Saving the new order…";
    progressList.appendChild(status);
    // form.action would be the buttons named "action", not the attribute.
    window
      .fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
      })
      .then(
        function (response) {
          status.textContent = response.ok
            ? "New order saved."
            : "The new order was not saved: press Save.";
        },
        function () {
          status.textContent = "The new order was not saved: press Save.";
        },
      );
  }
})();
