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

/* /upload: drop several files; each is posted on its own, then its status is polled until the ingest is done. */
(function () {
  'use strict';
  var form = document.getElementById('upload');
  if (!form) return;
  var input = form.querySelector('input[type=file]');
  var zone = document.getElementById('dropzone');
  var list = document.querySelector('#upload-list tbody');
  var token = form.querySelector('input[name=__RequestVerificationToken]') || form.querySelector('input[type=hidden]');
  var t = { waiting: form.getAttribute('data-t-waiting'), done: form.getAttribute('data-t-done'), failed: form.getAttribute('data-t-failed') };

  function row(name) {
    var tr = document.createElement('tr');
    ['file', 'kind', 'state', 'summary'].forEach(function (k) {
      var td = document.createElement('td');
      td.className = 'u-' + k;
      tr.appendChild(td);
    });
    tr.querySelector('.u-file').textContent = name;
    tr.querySelector('.u-state').textContent = t.waiting;
    tr.querySelector('.u-state').className = 'u-state status-wait';
    list.insertBefore(tr, list.firstChild);
    return tr;
  }

  function show(tr, state, kind, text) {
    var cell = tr.querySelector('.u-state');
    cell.textContent = state === 'done' ? '✓ ' + t.done : state === 'failed' ? '✗ ' + t.failed : t.waiting;
    cell.className = 'u-state ' + (state === 'done' ? 'status-ok' : state === 'failed' ? 'status-bad' : 'status-wait');
    tr.setAttribute('data-state', state);
    if (kind) tr.querySelector('.u-kind').textContent = kind;
    if (text) tr.querySelector('.u-summary').textContent = text;
  }

  function poll(tr, name, delay) {
    setTimeout(function () {
      fetch(form.getAttribute('data-status-url') + '?name=' + encodeURIComponent(name), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          show(tr, s.state, s.kind, s.summary || s.error);
          if (s.state === 'waiting') poll(tr, name, Math.min(delay * 1.5, 5000));
        })
        .catch(function () { poll(tr, name, 5000); });
    }, delay);
  }

  function send(file) {
    var tr = row(file.name);
    var data = new FormData();
    data.append(token.name, token.value);
    data.append('files', file, file.name);
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (results) {
        var result = Array.isArray(results) ? results[0] : results;
        if (!result || result.error) { show(tr, 'failed', null, result ? result.error : ''); return; }
        tr.setAttribute('data-name', result.name);
        poll(tr, result.name, 800);
      })
      .catch(function (e) { show(tr, 'failed', null, String(e)); });
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }
  input.addEventListener('change', function () { sendAll(input.files); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (e) { sendAll(e.dataTransfer.files); });
})();

/* /quality: the nightly snapshots as lines. */
(function () {
  'use strict';
  var box = document.querySelector('[data-quality-trend]');
  if (!box || typeof echarts === 'undefined') return;
  var data = JSON.parse(document.getElementById(box.getAttribute('data-quality-trend')).textContent);
  var chart = echarts.init(box);
  chart.setOption({
    textStyle: { fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif' },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: data.dates },
    yAxis: { type: 'value', minInterval: 1 },
    series: data.series.map(function (s) { return { name: s.name, type: 'line', data: s.values, symbolSize: 6 }; })
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
