// reportgen serve: small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // A file dragged over the drop zone highlights it; dropping it on the zone (not only on the
  // file input inside) chooses it.
  document.addEventListener("dragover", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (!zone) return;
    event.preventDefault();
    zone.classList.add("is-dragging");
  });
  document.addEventListener("dragleave", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (zone) zone.classList.remove("is-dragging");
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest(".dropzone");
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove("is-dragging");
    var input = zone.querySelector("input[type=file]");
    if (input && event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      var status = zone.querySelector("[data-chosen]");
      if (status) status.textContent = "Chosen: " + input.files[0].name;
    }
  });

  // "Copy the chase list" copies the text area beside it and says so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    var said = document.getElementById(button.getAttribute("data-copy") + "-copied");
    if (!source) return;
    source.select();
    var done = function () { if (said) said.textContent = "Copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(done, function () {
        document.execCommand("copy"); done();
      });
    } else {
      document.execCommand("copy"); done();
    }
  });

  // After htmx swaps in an answer, move focus to its heading so screen readers read it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target.querySelector("[data-focus]");
    if (heading) heading.focus();
  });
})();
