/* Material sends the query to the search worker on `keyup`. Arabic typed through an input
 * method (phone keyboards, composition, dictation, paste) fires `input` without a keyup per
 * letter, so the results would wait for the next real key press (often a space). Forward
 * every input of the search box as a keyup, so each letter searches. */
document.addEventListener("input", function (ev) {
  var el = ev.target;
  if (el instanceof HTMLInputElement && el.matches("[data-md-component=search-query]"))
    el.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
});
