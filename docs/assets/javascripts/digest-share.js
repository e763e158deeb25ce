/* The article's share button: the system's share sheet where the browser has one (Web Share
 * API, phones), else the page's address copied to the clipboard. The button is hidden in the
 * HTML and shown here, so a reader without scripts never sees a button that does nothing. */
(function () {
  "use strict";
  function setup() {
    document.querySelectorAll("button.digest-share").forEach(function (button) {
      if (!navigator.share && !(navigator.clipboard && window.isSecureContext)) return;
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0].split("?")[0];
        var title = document.querySelector("h1") ? document.querySelector("h1").textContent : document.title;
        if (navigator.share) {
          navigator.share({ title: title, url: url }).catch(function () { /* dismissed */ });
          return;
        }
        navigator.clipboard.writeText(url).then(function () {
          button.textContent = button.getAttribute("data-copied") || label;
          setTimeout(function () { button.textContent = label; }, 2500);
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
