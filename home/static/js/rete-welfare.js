/* Rete Welfare's small progressive enhancements; every page works without them. */
document.addEventListener("DOMContentLoaded", function () {
  /* A form sent back with errors: move focus to its summary, whose links lead to the fields. */
  var summary = document.getElementById("riepilogo-errori");
  if (summary) {
    summary.focus();
  }
});
