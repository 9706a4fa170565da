// Threaded replies without a reload: "Reply" moves the comment form under that comment and
// sets its parent; "Cancel reply" puts it back. Without this script the same links load
// ?replytocom=ID, which renders the form with the parent set.
(function () {
  "use strict";
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
