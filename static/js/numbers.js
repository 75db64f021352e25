/* ChildPlan: figures typed the Vietnamese way (1.234,5), read in the page exactly as the server
   reads them (indicators/numbers.py, parse_number: its docstring states the rules; both are
   tested against tests/shared/number_cases.json). parse(text, kind) gives the number as a
   decimal string ("1234.5"), or null where the server would refuse the text, so the page never
   shows a value the server would not accept. kind: "count", "percent" or "decimal".
   In English the two separators are swapped (1,234.5) and the same rules read the text with its
   signs swapped back, as on the server; the page's language comes from the catalogue script
   (/jsi18n/, Django's get_format), which the base template loads first. */
(function () {
  "use strict";
  var GROUP_SPACES = " \u00a0\u202f\u2009";
  var DIGIT = /^[0-9]$/;

  function swapped() {
    return typeof window.get_format === "function" && window.get_format("DECIMAL_SEPARATOR") === ".";
  }

  function swap(text) {
    return text.replace(/[,.]/g, function (sign) { return sign === "," ? "." : ","; });
  }

  function isFirstGroup(digits) {
    return digits.length >= 1 && digits.length <= 3 && digits.charAt(0) !== "0"
      && /^[0-9]+$/.test(digits);
  }

  function ungroup(whole) {
    var separators = {}, count = 0, i, ch;
    for (i = 0; i < whole.length; i++) {
      ch = whole.charAt(i);
      if ((ch === "." || GROUP_SPACES.indexOf(ch) >= 0) && !separators[ch]) {
        separators[ch] = true; count++;
      }
    }
    if (!count) return whole;
    if (separators["."] && count > 1) return null;
    var groups = "";
    for (i = 0; i < whole.length; i++) {
      ch = whole.charAt(i);
      groups += GROUP_SPACES.indexOf(ch) >= 0 ? "." : ch;
    }
    groups = groups.split(".");
    if (!isFirstGroup(groups[0])) return null;
    for (i = 1; i < groups.length; i++) if (groups[i].length !== 3) return null;
    return groups.join("");
  }

  function parse(text, kind) {
    var body = String(text).trim(), negative = false, last, i;
    if (!body) return null;
    if (swapped()) body = swap(body);
    last = body.charAt(body.length - 1);
    if (last === "%" || last === "\u2030") {
      if (kind === "count" || (kind === "percent" && last === "\u2030")) return null;
      body = body.slice(0, -1).trimEnd();
    }
    var first = body.charAt(0);
    if (first === "-" || first === "\u2212" || first === "+") {
      negative = first !== "+";
      body = body.slice(1).trimStart();
    }
    if (!body) return null;
    for (i = 0; i < body.length; i++) {
      var ch = body.charAt(i);
      if (!DIGIT.test(ch) && GROUP_SPACES.indexOf(ch) < 0 && ch !== "," && ch !== ".") {
        return null;
      }
    }
    var parts = body.split(",");
    if (parts.length > 2) return null;
    var whole = parts[0], fraction = parts.length === 2 ? parts[1] : "", integer;
    if (parts.length === 2) {
      if (!whole || !fraction || !/^[0-9]+$/.test(fraction) || kind === "count") return null;
      integer = ungroup(whole);
    } else if (whole.split(".").length === 2 && !/[ \u00a0\u202f\u2009]/.test(whole)) {
      var head = whole.split(".")[0], tail = whole.split(".")[1];
      if (!head || !tail) return null;
      if (tail.length === 3 && isFirstGroup(head)) {
        if (kind !== "count") return null;
        integer = head + tail; fraction = "";
      } else if (kind === "count") {
        return null;
      } else {
        integer = head; fraction = tail;
      }
    } else {
      integer = ungroup(whole);
    }
    if (integer === null) return null;
    integer = integer.replace(/^0+(?=[0-9])/, "");
    var value = integer + (fraction ? "." + fraction : "");
    if (/^[0.]+$/.test(value)) return value;  // "-0" is zero
    return (negative ? "-" : "") + value;
  }

  /* A figure as the server prints it (indicators.numbers.format_figure): rounded half up to
     `decimals` places, trailing zeros dropped, dot thousands and comma decimals (swapped in
     English). */
  function format(number, decimals) {
    var factor = Math.pow(10, decimals);
    var rounded = Math.round((Math.abs(number) + Number.EPSILON) * factor) / factor;
    var parts = rounded.toFixed(decimals).replace(/0+$/, "").replace(/\.$/, "").split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var written = (number < 0 && rounded !== 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
    return swapped() ? swap(written) : written;
  }

  window.ChildPlanNumbers = {parse: parse, format: format};
})();
