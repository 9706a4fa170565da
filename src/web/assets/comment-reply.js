/* global fetch */
// Threaded replies without a reload: "Reply" moves the comment form under that comment and
// sets its parent; "Cancel reply" puts it back. Without this script the same links load
// ?replytocom=ID, which renders the form with the parent set.
// Also: the form's time token is swapped, when the reader first touches the form, for one
// minted for them (the page's own may be hours old, from the cache); and a form shown back
// with a problem has its summary focused, should the browser not have done it already.
(function () {
  "use strict";
  var summary = document.getElementById("comment-problems");
  if (summary && document.activeElement !== summary) summary.focus();

  var form = document.getElementById("commentform");
  var tokenUrl = form && form.getAttribute("data-token-url");
  var tokenField = form && form.querySelector('input[name="token"]');
  // Only a page's token is replaced: a form shown back carries this reader's already.
  if (form && tokenUrl && tokenField && tokenField.value.indexOf("page.") === 0) {
    var asked = false;
    form.addEventListener("focusin", function () {
      if (asked) return;
      asked = true;
      fetch(tokenUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (body) {
          if (body && typeof body.token === "string") tokenField.value = body.token;
        })
        .catch(function () {
          // Without a fresh token the post is confirmed once more: nothing is lost.
        });
    });
  }

  var respond = document.getElementById("respond");
  var parentField = document.getElementById("comment-parent");
  var replyingTo = document.getElementById("replying-to");
  var cancel = document.getElementById("cancel-comment-reply-link");
  if (!respond || !parentField || !replyingTo || !cancel) return;
  var home = document.createElement("div");
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  function replyTo(link) {
    var article = document.getElementById("comment-" + link.getAttribute("data-comment-id"));
    if (!article) return false;
    article.parentNode.insertBefore(respond, article.nextSibling);
    parentField.value = link.getAttribute("data-comment-id");
    replyingTo.querySelector(".replying-to-name").textContent = link.getAttribute("data-author");
    replyingTo.hidden = false;
    document.getElementById("comment-comment").focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a.comment-reply-link") : null;
    if (link && replyTo(link)) event.preventDefault();
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    parentField.value = "";
    replyingTo.hidden = true;
    home.parentNode.insertBefore(respond, home.nextSibling);
  });
})();
