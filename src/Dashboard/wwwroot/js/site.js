/* VolunteerStats pages: small progressive enhancements (ES2017, Chromium 90+). Every number is formatted by the
   server; charts get the labels they show from the page's JSON. */
(function () {
  'use strict';

  // Filters submit when a picker changes (the button stays for keyboards and scripts off).
  document.querySelectorAll('form[data-autosubmit] select').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.name === 'year') {
        var through = select.form.querySelector('select[name=through]');
        if (through) through.disabled = true; // a new year takes its own default month
      }
      if (select.name === 'level') {
        var parent = select.form.querySelector('select[name=parent]');
        if (parent) parent.disabled = true;
      }
      select.form.submit();
    });
  });

  // A whole ranking row is a link to its region.
  document.querySelectorAll('tr[data-href]').forEach(function (row) {
    row.addEventListener('click', function (e) {
      if (e.target.closest('a')) return;
      window.location.href = row.getAttribute('data-href');
    });
  });

  var palette = { accent: '#c8161d', ok: '#1a7f37', line: '#2b5aa8', target: '#86909c', text: '#4e5969', grid: '#e5e6eb' };

  function trendOption(data, chart, dark) {
    var text = dark ? '#c9d1e0' : palette.text;
    var grid = dark ? 'rgba(255,255,255,0.12)' : palette.grid;
    return {
      animation: !dark,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif', fontSize: dark ? 20 : 12 },
      title: { text: chart.name, left: 0, top: 0, textStyle: { fontSize: dark ? 26 : 14, fontWeight: 600, color: dark ? '#fff' : '#1f2329' } },
      legend: { right: 0, top: 0, textStyle: { color: text, fontSize: dark ? 18 : 12 }, data: [chart.name, data.targetName] },
      grid: { left: dark ? 70 : 48, right: 16, top: dark ? 60 : 40, bottom: dark ? 40 : 28 },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var i = items[0].dataIndex;
          var met = chart.met[i] === true ? ' ✓ ' + data.metName : chart.met[i] === false ? ' ✗ ' + data.notMetName : '';
          return data.months[i] + '<br>' + chart.name + ': ' + chart.labels[i] + met + '<br>' + data.targetName + ': ' + chart.targetLabels[i];
        }
      },
      xAxis: { type: 'category', data: data.months, axisLabel: { color: text }, axisLine: { lineStyle: { color: grid } } },
      yAxis: {
        type: 'value', scale: false, axisLabel: { color: text, formatter: chart.unit === '%' ? '{value}%' : '{value}' },
        splitLine: { lineStyle: { color: grid } }
      },
      series: [
        {
          name: chart.name, type: 'line', data: chart.values, smooth: false, symbolSize: dark ? 12 : 7,
          lineStyle: { width: dark ? 4 : 2.5, color: dark ? '#ffd24c' : palette.line },
          itemStyle: {
            color: function (p) { return chart.met[p.dataIndex] === true ? palette.ok : palette.accent; }
          },
          // Met or not is told by the point's shape as well as its colour.
          symbol: function (value, p) { return chart.met[p.dataIndex] === true ? 'circle' : 'triangle'; },
          label: { show: true, position: 'top', color: text, fontSize: dark ? 18 : 11, formatter: function (p) { return chart.labels[p.dataIndex]; } }
        },
        {
          name: data.targetName, type: 'line', data: chart.target, symbol: 'none',
          lineStyle: { type: 'dashed', width: dark ? 3 : 1.5, color: dark ? '#ff6b6b' : palette.accent }, itemStyle: { color: dark ? '#ff6b6b' : palette.accent }
        }
      ]
    };
  }

  var charts = [];
  function drawTrends(root, dark) {
    var container = root || document;
    container.querySelectorAll('[data-trend]').forEach(function (box) {
      var source = document.getElementById(box.getAttribute('data-trend'));
      if (!source || typeof echarts === 'undefined') return;
      var data = JSON.parse(source.textContent);
      box.querySelectorAll('[data-chart-index]').forEach(function (el) {
        var chart = data.charts[Number(el.getAttribute('data-chart-index'))];
        var existing = echarts.getInstanceByDom(el);
        var instance = existing || echarts.init(el, null, { renderer: 'canvas' });
        instance.setOption(trendOption(data, chart, dark), true);
        if (!existing) charts.push(instance);
      });
    });
  }
  window.VolunteerStats = { drawTrends: drawTrends, trendOption: trendOption };

  if (!document.body.classList.contains('screen')) drawTrends(document, false);
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
