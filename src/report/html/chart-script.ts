/**
 * The page's own script (plain ES2017, runs after the inlined uPlot): reads the chart data from
 * the JSON script element and draws one uPlot chart into each `[data-chart]` element. Charts in a
 * closed <details> are drawn when it opens (uPlot needs a visible width). Cursors are synced
 * across charts, so hovering one instant shows it in every chart. Sets `window.whatifCharts` to
 * the number drawn, for the browser test.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('whatif-chart-data').textContent);
  var charts = [];
  window.whatifCharts = 0;

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(h) {
    var m = Math.round(h * 60), d = Math.floor(m / 1440);
    return (d > 0 ? 'd' + (d + 1) + ' ' : '') + pad(Math.floor((m % 1440) / 60)) + ':' + pad(m % 60);
  }
  function num(v, digits) {
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(Math.min(digits, 1)) : v.toFixed(digits);
  }
  // Legend values (hovered sample) and axis ticks (round numbers from uPlot's increments).
  var formats = {
    count: function (v) { return num(v, 1).replace(/\.0$/, ''); },
    usd: function (v) { return '$' + num(v, 2); },
    percent: function (v) { return num(v, 1) + '%'; },
    ms: function (v) { return v >= 1000 ? num(v / 1000, 1) + ' s' : num(v, 1) + ' ms'; },
    cores: function (v) { return num(v, 2); }
  };
  function tick(v) { return String(+v.toPrecision(6)); }
  var ticks = {
    count: tick,
    usd: function (v) { return '$' + tick(v); },
    percent: function (v) { return tick(v) + '%'; },
    ms: function (v) { return v >= 1000 ? tick(v / 1000) + ' s' : tick(v) + ' ms'; },
    cores: tick
  };

  function draw(el) {
    var spec = data.groups[+el.dataset.group].charts[+el.dataset.chart];
    var fmt = formats[spec.unit];
    var tickFmt = ticks[spec.unit];
    var values = spec.series.map(function (s) {
      return spec.log ? s.values.map(function (v) { return v !== null && v > 0 ? v : null; }) : s.values;
    });
    var hasData = values.some(function (vs) { return vs.some(function (v) { return v !== null; }); });
    if (!hasData) {
      el.classList.add('no-data');
      el.textContent = 'no data in this run';
      return;
    }
    var yScale = spec.log
      ? { distr: 3, log: 10 }
      : { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.08 : 1]; } };
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: 210,
      // Room on the right for the last time label.
      padding: [8, 28, 0, 0],
      scales: { x: { time: false }, y: yScale },
      cursor: { sync: { key: 'whatif' }, points: { size: 6 } },
      legend: { live: true },
      // Values show while hovering; idle, the legend is just the key.
      series: [{ label: 'time', value: function (u, v) { return v === null ? '' : clock(v); } }].concat(
        spec.series.map(function (s) {
          return {
            label: s.label,
            stroke: s.color,
            // The before line is wider, so it still shows where after runs on top of it.
            width: s.dashed ? 1.4 : s.color === data.beforeColor ? 2.6 : 1.6,
            dash: s.dashed ? [6, 4] : undefined,
            points: { show: false },
            value: function (u, v) { return v === null || v === undefined ? '' : fmt(v); }
          };
        })
      ),
      axes: [
        {
          stroke: '#475569',
          grid: { stroke: '#e2e8f0', width: 1 },
          ticks: { stroke: '#cbd5e1', width: 1 },
          incrs: [1 / 12, 0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 96, 168],
          values: function (u, splits) { return splits.map(clock); }
        },
        {
          stroke: '#475569',
          size: 64,
          grid: { stroke: spec.log ? '#f1f5f9' : '#e2e8f0', width: 1 },
          ticks: { show: !spec.log, stroke: '#cbd5e1', width: 1 },
          values: function (u, splits) { return splits.map(function (v) { return v === null ? '' : tickFmt(v); }); }
        }
      ]
    };
    charts.push({ el: el, plot: new uPlot(opts, [data.hours].concat(values), el) });
    window.whatifCharts = charts.length;
  }

  function drawIn(root) {
    var els = root.querySelectorAll('[data-chart]:not([data-drawn])');
    for (var i = 0; i < els.length; i++) {
      els[i].setAttribute('data-drawn', '');
      draw(els[i]);
    }
  }

  var all = document.querySelectorAll('.chart-group');
  for (var g = 0; g < all.length; g++) {
    (function (group) {
      if (group.tagName === 'DETAILS' && !group.open) {
        group.addEventListener('toggle', function () { if (group.open) drawIn(group); });
      } else {
        drawIn(group);
      }
    })(all[g]);
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) { c.plot.setSize({ width: Math.max(280, c.el.clientWidth), height: 210 }); });
    }, 100);
  });
})();
`;
