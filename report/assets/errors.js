(function () {
  'use strict';
  // Shows any script error on the page (and in a data-errors attribute,
  // which the tests read) instead of failing silently.
  var errors = [];
  window.addEventListener('error', function (e) {
    var msg = e.message ? String(e.message) : 'could not load ' + ((e.target && e.target.tagName) || e.type);
    errors.push(msg);
    document.documentElement.setAttribute('data-errors', errors.join(' | '));
    var box = document.getElementById('errors');
    if (box) {
      box.hidden = false;
      box.textContent = 'The report could not be drawn completely: ' + errors.join('; ');
    }
  }, true);
})();
