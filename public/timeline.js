// Progressive enhancement of the case timeline: filters apply at once, and the
// drawing can be zoomed. Without this script the filter form and links still work.
(function () {
  'use strict';
  var root = document.querySelector('.vigil-timeline');
  if (!root) return;
  var svg = root.querySelector('.vigil-timeline__svg');
  var form = root.querySelector('.vigil-timeline__filters');

  var NAMES = { orders: 'order', occasions: 'occasion', breaches: 'breach', reports: 'report', recording: 'classification', risk: 'risk', police: 'police-action', contacts: 'contact', referrals: 'referral', tasks: 'task' };

  function applyFilters() {
    if (!form) return;
    var boxes = form.querySelectorAll('input[name="show"]');
    var shown = {};
    var any = false;
    boxes.forEach(function (box) {
      if (box.checked) {
        shown[NAMES[box.value]] = true;
        any = true;
      }
    });
    root.querySelectorAll('[data-kind]').forEach(function (el) {
      var visible = !any || shown[el.getAttribute('data-kind')];
      if (el.tagName.toLowerCase() === 'tr') el.classList.toggle('vigil-timeline__hidden', !visible);
      else el.setAttribute('visibility', visible ? 'visible' : 'hidden');
    });
    var params = new URLSearchParams(window.location.search);
    params.delete('show');
    boxes.forEach(function (box) {
      if (box.checked) params.append('show', box.value);
    });
    var query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }

  if (form) {
    form.querySelectorAll('input[name="show"]').forEach(function (box) {
      box.addEventListener('change', applyFilters);
    });
  }

  // Zoom: widen the drawing inside its scrolling frame.
  if (svg) {
    var zoom = 1;
    var frame = svg.parentNode;
    var bar = document.createElement('div');
    bar.className = 'vigil-timeline__zoom';
    function button(text, change) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
      b.textContent = text;
      b.addEventListener('click', function () {
        var centre = (frame.scrollLeft + frame.clientWidth / 2) / frame.scrollWidth;
        zoom = change(zoom);
        svg.setAttribute('width', String(zoom * 100) + '%');
        frame.scrollLeft = centre * frame.scrollWidth - frame.clientWidth / 2;
      });
      bar.appendChild(b);
    }
    button('Zoom in', function (z) { return Math.min(z * 2, 16); });
    button('Zoom out', function (z) { return Math.max(z / 2, 1); });
    button('Reset zoom', function () { return 1; });
    frame.parentNode.insertBefore(bar, frame);
  }

  // Selecting a mark highlights its row.
  root.querySelectorAll('a[data-row]').forEach(function (link) {
    link.addEventListener('click', function () {
      root.querySelectorAll('.vigil-timeline__row--highlight').forEach(function (row) {
        row.classList.remove('vigil-timeline__row--highlight');
      });
      var row = document.getElementById('row-' + link.getAttribute('data-row'));
      if (row) row.classList.add('vigil-timeline__row--highlight');
    });
  });
})();
