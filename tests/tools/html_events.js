/* html_view.py puts this after the page's own script: it keeps the table
 * the page opened for #pid=PID (body's data-table: its rows' cells), then
 * works the page as a reader does (hover, click, Ctrl+wheel, drag, the
 * buttons) and writes what went wrong, or "ok", into body's data-check. */
(function () {
  'use strict';
  var problems = [];
  function check(ok, what) { if (!ok) problems.push(what); }
  function $(id) { return document.getElementById(id); }
  function mouse(el, type, x, y, extra) {
    var init = { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0 };
    for (var key in extra || {}) init[key] = extra[key];
    el.dispatchEvent(type === 'wheel' ? new WheelEvent(type, init) : new MouseEvent(type, init));
  }
  function zoomOf() { /* matrix(k,0,0,1,e,0) */
    var m = /matrix\(([^,]+),0,0,1,([^,]+),0\)/.exec(
      document.querySelector('.zoom').getAttribute('transform') || '');
    return m ? { k: +m[1], e: +m[2] } : null;
  }
  try {
    document.body.setAttribute('data-table', JSON.stringify(
      Array.prototype.map.call($('ptable').querySelectorAll('tr'), function (tr) {
        return Array.prototype.map.call(tr.cells, function (c) { return c.textContent; });
      })));
    check(document.body.getAttribute('data-status') === 'ok',
          'the page says ' + document.body.getAttribute('data-status'));
    var svg = $('timeline'), procs = svg.querySelectorAll('.proc');
    var g = procs[procs.length - 1], bar = g.querySelector('.bar');
    var r = bar.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    check(r.width >= 2 && r.height > 0, 'the last bar is ' + r.width + 'x' + r.height);

    mouse(bar, 'mousemove', x, y);
    var tip = $('tip');
    check(!tip.hidden && /^pid \d+ ppid \d+: /.test(tip.textContent) &&
          tip.textContent.indexOf('syscalls') > 0, 'hover: tooltip ' + tip.textContent);

    mouse(bar, 'mousedown', x, y);
    mouse(bar, 'mouseup', x, y);
    var rows = $('ptable').querySelectorAll('tr');
    check(!$('panel').hidden && g.classList.contains('sel'), 'click: no panel');
    check(rows.length >= 3, 'click: ' + rows.length + ' table rows');
    check(location.hash === '#pid=' + g.getAttribute('data-pid'), 'click: address ' + location.hash);

    mouse(bar, 'wheel', x, y, { ctrlKey: true, deltaY: -300 });
    var z = zoomOf();
    check(z && Math.abs(z.k - 2) < 1e-9, 'Ctrl+wheel: zoom ' + JSON.stringify(z));
    var r2 = bar.getBoundingClientRect();
    check(r2.left <= x && x <= r2.right, 'Ctrl+wheel: the bar left the pointer');
    check(/t=[\d.]+-[\d.]+/.test(location.hash), 'Ctrl+wheel: address ' + location.hash);
    var text = svg.querySelector('.ticks text');
    check(text && /^[\d.]+ (s|ms|us)$/.test(text.textContent), 'zoomed axis: ' +
          (text && text.textContent));

    /* drag 100 px towards the middle of what the pan allows: it moves so */
    var x0 = +svg.getAttribute('data-x0'), pw = +svg.getAttribute('data-plot-w');
    var before = zoomOf(), off = before.e - x0 + before.k * x0;
    var dx = off < pw * (1 - before.k) / 2 ? 100 : -100;
    mouse(bar, 'mousedown', x, y);
    mouse(bar, 'mousemove', x + dx, y);
    mouse(bar, 'mouseup', x + dx, y);
    check(Math.abs(zoomOf().e - before.e - dx) < 1e-6,
          'drag by ' + dx + ': moved by ' + (zoomOf().e - before.e));
    check(g.classList.contains('sel'), 'drag: took for a click');

    var t0 = performance.now();
    for (var i = 0; i < 6; i++) $('zin').click();
    var ms = (performance.now() - t0) / 6;
    check(zoomOf().k > 2, 'the + button: zoom ' + zoomOf().k);
    check(ms < 500, 'a zoom step took ' + ms.toFixed(0) + ' ms');
    $('left').click();
    $('right').click();
    $('fit').click();
    check(zoomOf().k === 1 && zoomOf().e === 0, 'fit: ' + JSON.stringify(zoomOf()));
    $('close').click();
    check($('panel').hidden && !svg.querySelector('.sel'), 'close: the panel stays');
    document.body.setAttribute('data-zoom-ms', ms.toFixed(1));
  } catch (e) {
    problems.push('exception: ' + e);
  }
  document.body.setAttribute('data-check', problems.length ? problems.join('; ') : 'ok');
})();
