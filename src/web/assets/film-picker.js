// The review editor's film picker, enhanced: the page works without this script (the search
// field's Find button posts the whole form back with the list narrowed). With it, typing in
// the search field asks /admin/films/search for the films on record, shortly after typing
// stops; each result is a button, and choosing one sets the form's film select, so the film
// is part of the one form and nothing typed elsewhere is touched. A slow answer never
// replaces a newer one. The "New film" fields stay folded until opened.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form || !window.fetch) return;
  var search = document.getElementById("filmSearch");
  var select = document.getElementById("filmId");
  var results = document.getElementById("film-results");
  var findButton = form.querySelector(".film-search-button");
  if (!search || !select || !results) return;
  var list = results.querySelector("ul");
  var status = results.querySelector(".film-results-status");
  var waitMs = 200;
  var timer = null;
  var asked = 0;
  var shown = 0;

  // The Find button is for pages without script; here the results follow the typing.
  if (findButton) findButton.hidden = true;

  function show(films, query) {
    list.textContent = "";
    films.forEach(function (film) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "film-result";
      button.textContent = film.label;
      button.setAttribute("data-film-id", String(film.id));
      item.appendChild(button);
      list.appendChild(item);
    });
    status.textContent = films.length
      ? films.length === 1
        ? "One film on record matches: choose it."
        : films.length + " films on record match: choose one."
      : "No film on record matches “" + query + "”. Add it under New film.";
    results.hidden = false;
  }

  function ask() {
    var query = search.value.trim();
    var mine = ++asked;
    if (!query) {
      shown = mine;
      results.hidden = true;
      return;
    }
    window
      .fetch("/admin/films/search?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) throw response.status;
        return response.json();
      })
      .then(function (json) {
        if (mine < shown) return;
        shown = mine;
        show(json.films || [], query);
      })
      .catch(function () {
        if (mine < shown) return;
        list.textContent = "";
        status.textContent = "The films could not be searched just now: choose from the list.";
        results.hidden = false;
      });
  }

  function choose(id, label) {
    var option = null;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === id) option = select.options[i];
    }
    if (!option) {
      option = document.createElement("option");
      option.value = id;
      option.textContent = label;
      select.appendChild(option);
    }
    select.value = id;
    list.textContent = "";
    status.textContent = "Chosen: " + label + ".";
    // The autosave and the series part listen for changes to the form.
    select.dispatchEvent(new window.Event("change", { bubbles: true }));
    select.focus();
  }

  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, waitMs);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    // Enter searches at once instead of posting the form.
    event.preventDefault();
    window.clearTimeout(timer);
    ask();
  });
  list.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-film-id]") : null;
    if (button) choose(button.getAttribute("data-film-id"), button.textContent);
  });
})();
