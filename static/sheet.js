// Live weighted total on the score sheet: a convenience while typing. The page works without
// it, and the total the server computes is the one that counts.
(function () {
  var form = document.getElementById('sheet-form');
  var out = document.getElementById('live-total');
  if (!form || !out) return;
  function update() {
    var total = 0;
    var inputs = form.querySelectorAll('input[data-weight]');
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      var v = parseInt(el.value, 10);
      var min = parseInt(el.getAttribute('min'), 10);
      var max = parseInt(el.getAttribute('data-max'), 10);
      if (!isNaN(v) && v >= min && v <= max && max > 0) {
        total += parseInt(el.getAttribute('data-weight'), 10) * v / max;
      }
    }
    out.textContent = (Math.round(total * 100) / 100).toFixed(2);
  }
  form.addEventListener('input', update);
  update();
})();
