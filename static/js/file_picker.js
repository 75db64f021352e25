/* ChildPlan: the name of the file chosen in a Vietnamese file box (reporting.css). */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  document.querySelectorAll(".file-picker").forEach(function (picker) {
    var input = picker.querySelector("input[type=file]");
    var name = picker.querySelector(".file-name");
    if (!input || !name) return;
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : gettext("Chưa chọn tệp");
    });
  });
})();
