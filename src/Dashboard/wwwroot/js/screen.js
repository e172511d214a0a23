/* The big screen (ES2017, Chromium 90+). One timer for the rotation and one for the data, each re-armed only after
   it ran, so that nothing stacks over days; one ECharts instance per chart, updated in place; DOM rows replaced,
   never appended. When the server is away the last data stays up with a notice, and fetching resumes by itself. */
(function () {
  'use strict';
  var stage = document.getElementById('stage');
  var url = stage.getAttribute('data-url');
  var interval = Math.max(5, Number(stage.getAttribute('data-interval')) || 20) * 1000;
  var refresh = Math.max(60, Number(stage.getAttribute('data-refresh')) || 60) * 1000;
  var offlineText = stage.getAttribute('data-offline');
  var views = Array.prototype.slice.call(document.querySelectorAll('.s-view'));
  var current = -1;
  var data = null;
  var charts = [];
  var whoCharts = [];
  var failures = 0;
  var status = document.getElementById('s-status');

  function fit() {
    var scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    var left = (window.innerWidth - 1920 * scale) / 2;
    var top = (window.innerHeight - 1080 * scale) / 2;
    stage.style.transform = 'translate(' + left + 'px,' + top + 'px) scale(' + scale + ')';
  }
  window.addEventListener('resize', fit);
  fit();

  function text(id, value) { document.getElementById(id).textContent = value || ''; }

  function fillTable(table, columns, rows, cellClass) {
    var head = document.createElement('tr');
    columns.forEach(function (c) { var th = document.createElement('th'); th.textContent = c; head.appendChild(th); });
    table.tHead.replaceChildren(head);
    var body = document.createDocumentFragment();
    rows.forEach(function (row, r) {
      var tr = document.createElement('tr');
      row.forEach(function (value, i) {
        var td = document.createElement('td');
        td.textContent = value;
        var cls = cellClass ? cellClass(r, i) : '';
        if (cls) td.className = cls;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.tBodies[0].replaceChildren(body);
  }

  function render() {
    if (!data) return;
    text('s-region', data.region);
    text('s-period', data.period);
    text('s-asof', data.asOf);
    var kpis = document.createDocumentFragment();
    data.kpis.forEach(function (k) {
      var box = document.createElement('div');
      box.className = 's-kpi ' + (k.met === true ? 'met' : k.met === false ? 'not-met' : '');
      [['n', k.name], ['v', k.value], ['t', k.target], ['c', k.change ? data.changeLabel + ' ' + k.change : ''], ['g', k.gap]].forEach(function (p) {
        var el = document.createElement('div');
        el.className = p[0];
        el.textContent = p[1] || '';
        if (p[0] === 'v') {
          var mark = document.createElement('span');
          mark.className = 'm';
          mark.textContent = k.met === true ? '✓' : k.met === false ? '✗' : '';
          el.appendChild(mark);
        }
        box.appendChild(el);
      });
      kpis.appendChild(box);
    });
    document.getElementById('s-kpis').replaceChildren(kpis);

    var ranking = document.getElementById('s-ranking');
    ranking.className = 's-table' + (data.ranking.rows.length > 13 ? ' denser' : data.ranking.rows.length > 10 ? ' dense' : '');
    text('s-ranking-title', data.ranking.title);
    fillTable(ranking, data.ranking.columns, data.ranking.rows.slice(0, 16).map(function (r) { return r.cells; }), function (r, i) {
      var row = data.ranking.rows[r];
      if (i >= 2 && i <= 4) return row.met[i - 2] === true ? 'ok' : row.met[i - 2] === false ? 'bad' : '';
      return i === 6 ? 'gap' : '';
    });
    text('s-trend-title', data.trendTitle);
    text('s-stars-title', data.stars.title);
    var totals = document.createDocumentFragment();
    data.stars.totals.forEach(function (t) {
      var d = document.createElement('div');
      var s = document.createElement('span'); s.className = 'st'; s.textContent = t.stars;
      var n = document.createElement('span'); n.textContent = t.people;
      d.appendChild(s); d.appendChild(n); totals.appendChild(d);
    });
    document.getElementById('s-star-totals').replaceChildren(totals);
    fillTable(document.getElementById('s-stars'), data.stars.columns, data.stars.rows);
    if (data.who) text('s-who-title', data.who.title);
    // data-drawn: ms from navigation start to the first frame painted after the first data and every chart were
    // drawn (bench/dashboard/ScreenTiming reads it; set once).
    if (drawCharts() && !stage.hasAttribute('data-drawn')) {
      requestAnimationFrame(function () { stage.setAttribute('data-drawn', String(Math.round(performance.now()))); });
    }
  }

  function drawCharts() {
    if (!data || typeof echarts === 'undefined' || !window.VolunteerStatsScreenOption) return false;
    var boxes = document.querySelectorAll('.s-chart');
    boxes.forEach(function (el, i) {
      if (!charts[i]) charts[i] = echarts.init(el, null, { renderer: 'canvas' });
      charts[i].setOption(window.VolunteerStatsScreenOption(data.trend, data.trend.charts[i]), true);
    });
    if (!data.who) return true;
    document.querySelectorAll('.s-who-chart').forEach(function (el, i) {
      var c = data.who.charts[i];
      if (!c) return;
      if (!whoCharts[i]) whoCharts[i] = echarts.init(el, null, { renderer: 'canvas' });
      whoCharts[i].setOption(whoOption(data.who, c), true);
    });
    return true;
  }

  // Who the volunteers are, large and dark: columns (age), rings (gender, political status), bars (category).
  var ringColors = ['#5b8ff9', '#ff6b6b', '#ffd24c', '#2fbf71', '#b38cff', '#3ac8e0', '#ff9f5a', '#9fb0cf'];
  function whoOption(who, c) {
    var text = '#c9d1e0';
    var grid = 'rgba(255,255,255,0.12)';
    var base = {
      animation: false,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif', fontSize: 20 },
      title: { text: c.name, left: 6, top: 4, textStyle: { fontSize: 28, fontWeight: 600, color: '#fff' } }
    };
    if (c.kind === 'ring') {
      // Names and shares in a legend below: outer labels do not fit a quarter of the screen.
      var k = 0;
      var shareOf = {};
      c.names.forEach(function (n, i) { shareOf[n] = c.shares[i]; });
      base.legend = {
        bottom: 6, left: 'center', orient: 'horizontal', itemWidth: 18, itemHeight: 14, itemGap: 14,
        textStyle: { color: text, fontSize: 19 }, formatter: function (name) { return name + ' ' + shareOf[name]; }
      };
      base.series = [{
        type: 'pie', radius: ['32%', '54%'], center: ['50%', '42%'],
        label: { show: false }, labelLine: { show: false },
        data: c.registered.map(function (v, i) { return { name: c.names[i], value: v, itemStyle: { color: c.missing[i] ? '#4a5875' : { '男': '#5b8ff9', 'Male': '#5b8ff9', '女': '#ff7eb6', 'Female': '#ff7eb6' }[c.names[i]] || ringColors[k++ % ringColors.length] } }; })
      }];
      return base;
    }
    var vertical = c.kind === 'columns';
    var category = { type: 'category', data: c.names, inverse: !vertical, axisLabel: { color: text, fontSize: 18, interval: 0, width: 150, overflow: 'truncate' }, axisLine: { lineStyle: { color: grid } }, axisTick: { show: false } };
    var value = { type: 'value', axisLabel: { show: false }, splitLine: { lineStyle: { color: grid } } };
    function series(name, values, labels, color) {
      return { name: name, type: 'bar', itemStyle: { color: color }, barGap: '10%', barMaxWidth: vertical ? 34 : 22, data: values.map(function (v, i) { return { value: v, itemStyle: { color: c.missing[i] ? '#4a5875' : color } }; }),
        label: { show: true, position: vertical ? 'top' : 'right', color: '#fff', fontSize: 17, formatter: function (p) { return labels[p.dataIndex]; } } };
    }
    base.legend = { show: !c.activeOnly, right: 6, top: 8, textStyle: { color: text, fontSize: 18 }, data: [who.registeredName, who.activeName] };
    base.grid = { left: 10, right: vertical ? 10 : 70, top: 70, bottom: 10, containLabel: true };
    base.xAxis = vertical ? category : value;
    base.yAxis = vertical ? value : category;
    base.series = c.activeOnly ? [series(who.activeName, c.active, c.activeLabels, '#ffd24c')]
      : [series(who.registeredName, c.registered, c.registeredLabels, '#5b8ff9'), series(who.activeName, c.active, c.activeLabels, '#ffd24c')];
    return base;
  }

  function dots() {
    var box = document.getElementById('s-dots');
    if (box.children.length !== views.length) {
      box.replaceChildren();
      views.forEach(function () { box.appendChild(document.createElement('span')); });
    }
    Array.prototype.forEach.call(box.children, function (d, i) { d.className = i === current ? 'on' : ''; });
  }

  function rotate() {
    current = (current + 1) % views.length;
    views.forEach(function (v, i) { v.classList.toggle('on', i === current); });
    stage.setAttribute('data-current', views[current].getAttribute('data-view'));
    dots();
    if (views[current].getAttribute('data-view') === 'trends') charts.forEach(function (c) { c.resize(); });
    if (views[current].getAttribute('data-view') === 'who') whoCharts.forEach(function (c) { c.resize(); });
    setTimeout(rotate, interval);
  }

  function load() {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 20000) : null;
    fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: controller ? controller.signal : undefined, redirect: 'manual' })
      .then(function (r) {
        if (r.type === 'opaqueredirect' || r.status === 401) { window.location.reload(); throw new Error('signed out'); }
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (d) {
        data = d;
        failures = 0;
        status.className = 's-status';
        status.textContent = '';
        stage.setAttribute('data-loaded', String(Date.now()));
        render();
      })
      .catch(function () {
        failures++;
        status.className = 's-status offline';
        status.textContent = offlineText;
      })
      .then(function () {
        if (timer) clearTimeout(timer);
        // After a failure retry sooner (15 s, 30 s, … up to the refresh interval); else every refresh interval.
        setTimeout(load, failures === 0 ? refresh : Math.min(refresh, 15000 * failures));
      });
  }

  function clock() {
    var now = new Date(Date.now() + (new Date().getTimezoneOffset() + 480) * 60000); // Beijing time
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    text('s-clock', p(now.getHours()) + ':' + p(now.getMinutes()));
    setTimeout(clock, 60000 - now.getSeconds() * 1000 - now.getMilliseconds() + 50);
  }

  window.VolunteerStatsScreenOption = function (trend, chart) {
    var text = '#c9d1e0';
    var grid = 'rgba(255,255,255,0.12)';
    return {
      animation: false,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif', fontSize: 20 },
      title: { text: chart.name, left: 6, top: 4, textStyle: { fontSize: 28, fontWeight: 600, color: '#fff' } },
      legend: { left: 'center', bottom: 4, textStyle: { color: text, fontSize: 18 }, data: [chart.name, trend.targetName] },
      grid: { left: 74, right: 30, top: 80, bottom: 80 },
      xAxis: { type: 'category', data: trend.months, axisLabel: { color: text, fontSize: 18 }, axisLine: { lineStyle: { color: grid } } },
      yAxis: { type: 'value', axisLabel: { color: text, fontSize: 18, formatter: chart.unit === '%' ? '{value}%' : '{value}' }, splitLine: { lineStyle: { color: grid } } },
      series: [
        {
          name: chart.name, type: 'line', data: chart.values, symbolSize: 14, lineStyle: { width: 4, color: '#ffd24c' },
          itemStyle: { color: function (p) { return chart.met[p.dataIndex] === true ? '#2fbf71' : '#ff4d4f'; } },
          symbol: function (v, p) { return chart.met[p.dataIndex] === true ? 'circle' : 'triangle'; },
          label: { show: true, position: 'top', color: '#fff', fontSize: 18, formatter: function (p) { return chart.labels[p.dataIndex]; } }
        },
        { name: trend.targetName, type: 'line', data: chart.target, symbol: 'none', lineStyle: { type: 'dashed', width: 3, color: '#ff6b6b' }, itemStyle: { color: '#ff6b6b' } }
      ]
    };
  };

  clock();
  load();
  rotate();
})();
