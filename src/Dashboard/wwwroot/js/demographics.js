/* "Who the volunteers are" panels on /regions/CODE (ES2017, Chromium 90+): draws what the page's JSON holds; every
   number and share is formatted by the server. */
(function () {
  'use strict';
  var section = document.currentScript && document.currentScript.closest('section.demographics');
  var sections = section ? [section] : Array.prototype.slice.call(document.querySelectorAll('section.demographics'));
  if (typeof echarts === 'undefined') return;
  var font = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';
  var colors = { registered: '#9db7e0', active: '#2b5aa8', missing: '#c9cdd4', text: '#4e5969', grid: '#e5e6eb' };
  var ringColors = ['#2b5aa8', '#c8161d', '#e8a33d', '#1a7f37', '#7b61c4', '#3aa6b9', '#d46b9c', '#86909c', '#a0522d', '#5b8ff9'];

  // Gender keeps the colours people expect; other rings take the palette in order, 未填写 grey.
  var fixed = { '男': '#2b5aa8', 'Male': '#2b5aa8', '女': '#d46b9c', 'Female': '#d46b9c' };
  function ring(data, c) {
    var palette = 0;
    return {
      animationDuration: 300,
      textStyle: { fontFamily: font, fontSize: 12 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var i = p.dataIndex;
          return c.names[i] + '<br>' + data.registeredName + ': ' + c.registeredLabels[i] + ' (' + c.shares[i] + ')<br>' + data.activeName + ': ' + c.activeLabels[i];
        }
      },
      series: [{
        type: 'pie', radius: ['42%', '68%'], center: ['50%', '54%'], avoidLabelOverlap: true, minShowLabelAngle: 4,
        label: { color: colors.text, formatter: function (p) { return c.names[p.dataIndex] + '\n' + c.shares[p.dataIndex]; } },
        data: c.registered.map(function (v, i) {
          var color = c.missing[i] ? colors.missing : fixed[c.names[i]] || ringColors[palette++ % ringColors.length];
          return { name: c.names[i], value: v, itemStyle: { color: color } };
        })
      }]
    };
  }

  function bars(data, c, vertical, width) {
    var names = c.names;
    var categoryAxis = {
      type: 'category', data: names, inverse: !vertical,
      axisLabel: { color: colors.text, interval: 0, width: vertical ? undefined : Math.max(80, Math.round(width * 0.32)), overflow: 'truncate' },
      axisLine: { lineStyle: { color: colors.grid } }, axisTick: { show: false }
    };
    var valueAxis = { type: 'value', axisLabel: { color: colors.text }, splitLine: { lineStyle: { color: colors.grid } } };
    function series(name, values, labels, color) {
      return {
        name: name, type: 'bar', itemStyle: { color: color }, data: values.map(function (v, i) { return { value: v, itemStyle: { color: c.missing[i] ? colors.missing : color } }; }),
        barGap: '10%', barMaxWidth: vertical ? 26 : 14,
        label: { show: true, position: vertical ? 'top' : 'right', color: colors.text, fontSize: 11, formatter: function (p) { return labels[p.dataIndex]; } }
      };
    }
    var list = c.activeOnly ? [series(data.activeName, c.active, c.activeLabels, colors.active)]
      : [series(data.registeredName, c.registered, c.registeredLabels, colors.registered), series(data.activeName, c.active, c.activeLabels, colors.active)];
    return {
      animationDuration: 300,
      textStyle: { fontFamily: font, fontSize: 12 },
      legend: { show: !c.activeOnly, top: 0, right: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: colors.text }, data: [data.registeredName, data.activeName] },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var i = items[0].dataIndex;
          return names[i] + (c.activeOnly ? '' : '<br>' + data.registeredName + ': ' + c.registeredLabels[i]) + '<br>' + data.activeName + ': ' + c.activeLabels[i];
        }
      },
      grid: vertical ? { left: 8, right: 8, top: 30, bottom: 4, containLabel: true } : { left: 8, right: 56, top: c.activeOnly ? 6 : 26, bottom: 4, containLabel: true },
      xAxis: vertical ? categoryAxis : valueAxis,
      yAxis: vertical ? valueAxis : categoryAxis,
      series: list
    };
  }

  var charts = [];
  sections.forEach(function (s) {
    var source = s.querySelector('script[type="application/json"]');
    if (!source) return;
    var data = JSON.parse(source.textContent);
    s.querySelectorAll('[data-demo-index]').forEach(function (el) {
      var c = data.charts[Number(el.getAttribute('data-demo-index'))];
      if (!c || c.names.length === 0) return;
      var instance = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
      var option = c.kind === 'ring' ? ring(data, c) : bars(data, c, c.kind === 'columns', el.clientWidth);
      instance.setOption(option, true);
      charts.push(instance);
    });
  });
  var timer = null;
  window.addEventListener('resize', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
