// At phone width the main menu folds behind a "Menu" button (static/css/site.css). Without this
// script the button stays hidden and the menu stays open, so nothing depends on it.
(function () {
  document.documentElement.classList.replace("no-js", "js");
  var toggle = document.querySelector(".main-menu__toggle");
  if (!toggle) {
    return;
  }
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    list.classList.toggle("is-open", open);
  });
})();
