// schoolplan HTML report: draws the map, the year summary, the shortfall
// table and the indicator table from the JSON in #report-data, and follows
// the scenario, stage and year controls. Every text that comes from the
// data is written with textContent (never as markup).
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var byId = function (id) { return document.getElementById(id); };
  // The page opens on the first scenario's worst stage and year (D.open),
  // unless the address names a view.
  var state = { sc: 0, st: D.open.stage, y: D.open.year }; // scenario, stage, year index
  // t is a label in the page's language (report/labels.go).
  function t(key) { return D.labels[key] || key; }
  var locale = D.lang === 'zh' ? 'zh-CN' : 'en-US';

  function scen() { return D.scenarios[state.sc]; }
  function stage() { return scen().stages[state.st]; }
  function city() { return D.cities[scen().city]; }
  function year() { return D.first + state.y; }

  function node(tag, txt, cls) {
    var e = document.createElement(tag);
    if (txt !== undefined && txt !== null) { e.textContent = String(txt); }
    if (cls) { e.className = cls; }
    return e;
  }
  function num(n) { return n === undefined || n === null ? '–' : Number(n).toLocaleString(locale); }
  function pct(v) { return v === undefined || v === null ? '–' : (100 * v).toFixed(1) + '%'; }
  function signed(n) { return (n > 0 ? '+' : '') + num(n); }
  // tooltip returns a Leaflet tooltip content function building its lines
  // as text nodes; the first line is bold.
  function tooltip(lines) {
    return function () {
      var d = document.createElement('div');
      lines().forEach(function (t, i) {
        if (i > 0) { d.appendChild(document.createElement('br')); }
        d.appendChild(i === 0 ? node('b', t) : document.createTextNode(t));
      });
      return d;
    };
  }
  // Positions in a school's year array (see htmlSYear).
  var CAP = 0, SEATS = 1, ENR = 2, UTIL = 3, ENT = 4, ADM = 5, SHORT = 6, CLS = 7, NEED = 8;

  // fill replaces each %s of a label, in order, by the next of args.
  function fill(label, args) {
    var i = 0;
    return label.replace(/%s/g, function () { return String(args[i++]); });
  }
  // lbl is a label followed by a space, for tooltips.
  function lbl(key) { return t(key) + ' '; }

  function districtName(d) {
    var x = city().districts[d];
    return x ? (x.name || x.id) : '';
  }

  // Colour scales (see the legend in the page). A school's colour is its
  // catchment's entrants against its entry seats, not its utilisation
  // (which stops at 100% for a full school turning children away): over
  // 100% is short of seats, in reds.
  function demand(y) { return y[SEATS] > 0 ? y[ENT] / y[SEATS] : null; }
  function demandColour(d) {
    if (d === null) { return '#bdbdbd'; }
    if (d < 0.7) { return '#4575b4'; }
    if (d < 0.9) { return '#91bfdb'; }
    if (d <= 1.0) { return '#fee090'; }
    if (d <= 1.2) { return '#d73027'; }
    return '#67001f';
  }
  function unplacedColour(n) {
    if (n <= 0) { return '#d9d9d9'; }
    if (n < 10) { return '#fdd49e'; }
    if (n < 50) { return '#fc8d59'; }
    if (n < 200) { return '#e34a33'; }
    return '#b30000';
  }

  // Controls.
  var scSel = byId('scenario');
  D.scenarios.forEach(function (s, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = s.name;
    scSel.appendChild(o);
  });
  var yearIn = byId('year');
  var yearOut = byId('yearout');

  // Map: no tiles, the city's own layers on a plain background, each
  // layer in its own pane so that redrawing one keeps the stacking.
  var map = L.map('map', { zoomSnap: 0.25, zoomDelta: 0.5 });
  map.attributionControl.setPrefix('Leaflet');
  // An optional base map (--tiles); the layers' coordinates are already in
  // the tiles' datum (GCJ-02 or WGS 84). Its attribution is our own label,
  // never text from the address.
  if (D.tiles) {
    L.tileLayer(D.tiles.url, { maxZoom: 18, subdomains: '01234567',
      attribution: D.tiles.crs === 'gcj02' ? t('html_tiles_gcj02') : t('html_tiles_wgs84') }).addTo(map);
  }
  ['districts', 'catchments', 'schools', 'areas'].forEach(function (name, i) {
    map.createPane(name).style.zIndex = String(410 + 10 * i);
  });
  var groups = {
    districts: L.layerGroup().addTo(map),
    catchments: L.layerGroup().addTo(map),
    areas: L.layerGroup().addTo(map),
    schools: L.layerGroup().addTo(map)
  };
  Object.keys(groups).forEach(function (name) {
    byId('show-' + name).addEventListener('change', function (e) {
      if (e.target.checked) { groups[name].addTo(map); } else { map.removeLayer(groups[name]); }
    });
  });

  var drawn = { city: -1, sc: -1, st: -1, epoch: -1 };
  var areaMarkers = [];
  var schoolMarkers = [];

  function epochIndex() {
    var eps = stage().epochs;
    for (var k = 0; k < eps.length; k++) {
      if (eps[k].from <= year() && year() <= eps[k].to) { return k; }
    }
    return -1;
  }

  function drawCity() {
    var c = city();
    groups.districts.clearLayers();
    groups.areas.clearLayers();
    c.districts.forEach(function (d, di) {
      var p = L.polygon(d.geom, { pane: 'districts', color: '#3a3a3a', weight: 2.5, fillColor: '#f7f4ed', fillOpacity: D.tiles ? 0.15 : 1 });
      p.bindTooltip(tooltip(function () {
        var tt = stage().districts[state.y];
        var lines = [d.name || d.id];
        if (tt && tt[di]) {
          var t = tt[di];
          lines.push(lbl('entrants') + num(t.ent) + ' · ' + lbl('entry_seats') + num(t.seats));
          lines.push(lbl('unplaced') + num(t.un) + ' · ' + lbl('utilisation_all_grades') + pct(t.util));
        }
        return lines;
      }), { sticky: true });
      groups.districts.addLayer(p);
    });
    areaMarkers = c.areas.ll.map(function (ll, i) {
      var m = L.circleMarker(ll, { pane: 'areas', radius: 3, weight: 0.5, color: '#666', fillOpacity: 0.85 });
      m.bindTooltip(tooltip(function () { return areaLines(i); }));
      groups.areas.addLayer(m);
      return m;
    });
    var b = c.bounds;
    if (b[0][0] < b[1][0]) { map.fitBounds(b, { padding: [8, 8] }); } else { map.setView([0, 0], 2); }
  }

  // distKind is what the scenario's distances measure, in brackets, when a
  // scenario of the report walked the roads; '' otherwise.
  function distKind() {
    var s = scen();
    if (!s.distance) { return ''; }
    return ' (' + t(s.distance === 'network' ? 'distance_network' : 'distance_straight') + ')';
  }

  // distText is a distance of m metres, with what it measures and, for a
  // walk, the minutes it takes at the scenario's walking speed.
  function distText(m) {
    var s = scen();
    if (s.distance !== 'network') { return num(m) + ' m' + distKind(); }
    return num(m) + ' m (' + t('distance_network') + ', ' + (m / (s.walk_kmh * 1000 / 60)).toFixed(1) + ' ' + t('walk_min_unit') + ')';
  }

  function areaLines(i) {
    var c = city();
    var lines = [c.areas.name[i] || c.areas.id[i], c.areas.id[i] + ' · ' + districtName(c.areas.d[i])];
    var ae = stage().ae[state.y];
    if (!ae) { return lines.concat(['not in this scenario\u2019s years']); }
    lines.push(lbl('entrants') + num(ae[i]) + ' · ' + lbl('unplaced') + num(stage().au[state.y][i]));
    var k = epochIndex();
    if (k >= 0) {
      var ep = stage().epochs[k];
      var s = ep.school[i];
      if (s >= 0) {
        var sc = stage().schools[s];
        lines.push('school ' + (sc.name || sc.id) + ' · ' + distText(ep.dist[i]));
      } else {
        lines.push('no school of this stage can serve it');
      }
    }
    return lines;
  }

  function drawSchools() {
    groups.schools.clearLayers();
    schoolMarkers = stage().schools.map(function (s) {
      var m = L.circleMarker(s.ll, { pane: 'schools', radius: 5, weight: 1, color: '#333', fillOpacity: 0.95 });
      m.bindTooltip(tooltip(function () {
        var y = s.y[state.y];
        var head = [s.name || s.id, s.id + ' · ' + districtName(s.d) + ' · ' + s.kind];
        if (!y) { return head.concat(['not open in ' + year()]); }
        return head.concat([
          lbl('html_cap_all') + num(y[CAP]) + ' · ' + lbl('entry_seats') + num(y[SEATS]),
          lbl('html_demand_short') + ' ' + pct(demand(y)) + ' · ' + lbl('utilisation_all_grades') + pct(y[UTIL]),
          lbl('entrants') + num(y[ENT]) + ' · ' + lbl('admitted') + num(y[ADM]) + ' · ' + lbl('unplaced') + num(y[SHORT]),
          lbl('html_classes') + num(y[NEED]) + ' / ' + num(y[CLS])
        ]);
      }));
      return m;
    });
  }

  // Catchment outlines of epoch k: the outlines of epoch 0 changed by
  // each later epoch's set and drop lists.
  function outlinesAt(k) {
    var cur = {};
    var eps = stage().epochs;
    for (var e = 0; e <= k; e++) {
      eps[e].drop.forEach(function (s) { delete cur[s]; });
      eps[e].set.forEach(function (o) { cur[o.s] = o.geom; });
    }
    return cur;
  }

  function drawCatchments(k) {
    groups.catchments.clearLayers();
    if (k < 0) { return; }
    var cur = outlinesAt(k);
    Object.keys(cur).map(Number).sort(function (a, b) { return a - b; }).forEach(function (s) {
      var sc = stage().schools[s];
      var p = L.polygon(cur[s], { pane: 'catchments', color: '#7a7a7a', weight: 1, dashArray: '4 3', fill: false });
      p.bindTooltip(tooltip(function () { return ['Catchment of ' + (sc.name || sc.id), districtName(sc.d)]; }), { sticky: true });
      groups.catchments.addLayer(p);
    });
  }

  function styleYear() {
    var st = stage();
    var ae = st.ae[state.y];
    var au = st.au[state.y];
    areaMarkers.forEach(function (m, i) {
      var e = ae ? ae[i] : 0;
      var u = au ? au[i] : 0;
      m.setRadius(2 + Math.sqrt(Math.max(e, 0)) / 3);
      m.setStyle({ fillColor: unplacedColour(u), fillOpacity: u > 0 ? 0.9 : 0.45 });
    });
    st.schools.forEach(function (s, k) {
      var m = schoolMarkers[k];
      var y = s.y[state.y];
      if (!y) {
        groups.schools.removeLayer(m);
        return;
      }
      m.setRadius(3 + Math.sqrt(y[CAP]) / 8);
      m.setStyle({ fillColor: demandColour(demand(y)), weight: y[SHORT] > 0 ? 2.5 : 1, color: y[SHORT] > 0 ? '#7a0000' : '#333' });
      if (!groups.schools.hasLayer(m)) { groups.schools.addLayer(m); }
    });
  }

  function summary() {
    var dl = byId('summary');
    dl.textContent = '';
    var tt = stage().city[state.y];
    var rows = [[t('html_scenario'), scen().name], [t('html_stage'), t('stage_' + D.stages[state.st])], [t('html_year'), year()]];
    if (tt) {
      rows.push([t('html_entrants'), num(tt.ent)], [t('html_entry_seats'), num(tt.seats)], [t('html_admitted'), num(tt.adm)]);
      // The admitted by route (基础学位, 九年一贯直升, 对口直升, …), those
      // of any; the unplaced have their own row.
      (tt.r || []).forEach(function (n, i) {
        if (n > 0 && i < tt.r.length - 1) { rows.push(['· ' + D.routes[i], num(n)]); }
      });
      rows.push([t('html_unplaced'), num(tt.un)], [t('html_seats_all'), num(tt.cap)], [t('html_pupils'), num(tt.enr)],
        [t('html_utilisation'), pct(tt.util)], [t('html_open_schools'), num(tt.schools)]);
      var base = D.scenarios[0].stages[state.st].city[state.y];
      if (state.sc > 0 && base) {
        rows.push([t('html_vs') + ' ' + D.scenarios[0].name, signed(tt.un - base.un)]);
      }
    } else {
      rows.push(['', t('html_not_run') + ' ' + year()]);
    }
    rows.forEach(function (r) {
      dl.appendChild(node('dt', r[0]));
      dl.appendChild(node('dd', r[1]));
    });
  }

  function topSchools() {
    var body = byId('topschools').tBodies[0];
    body.textContent = '';
    var list = [];
    stage().schools.forEach(function (s) {
      var y = s.y[state.y];
      if (y && y[SHORT] > 0) { list.push([s, y]); }
    });
    list.sort(function (a, b) { return b[1][SHORT] - a[1][SHORT] || (a[0].id < b[0].id ? -1 : 1); });
    if (list.length === 0) {
      var tr = document.createElement('tr');
      var td = node('td', t('html_none_short') + ' ' + year());
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    list.slice(0, 12).forEach(function (p) {
      var tr = document.createElement('tr');
      tr.appendChild(node('td', p[0].name || p[0].id, 'name'));
      tr.appendChild(node('td', districtName(p[0].d), 'name'));
      tr.appendChild(node('td', num(p[1][SHORT])));
      tr.appendChild(node('td', pct(demand(p[1])), demand(p[1]) > 1 ? 'fail' : ''));
      body.appendChild(tr);
    });
  }

  var cvNames = {
    seats_per_pupil: 'seats / pupil',
    floor_area_per_pupil: 'floor m² / pupil',
    sports_area_per_pupil: 'sports m² / pupil',
    teachers_per_100_pupils: 'teachers / 100 pupils'
  };

  function indicators() {
    var st = stage();
    var thr = st.thr;
    byId('indnote').textContent = fill(t('html_indnote'), [t('stage_' + D.stages[state.st]), year(), thr.standard,
      thr.large, thr.huge, thr.school, num(thr.radius), thr.cv.toFixed(2)]);
    var table = byId('indtable');
    table.textContent = '';
    var ind = st.ind[state.y];
    if (!ind) {
      table.appendChild(node('caption', t('html_no_indicators') + ' ' + year()));
      return;
    }
    var cvs = ind.city.cv.map(function (c) { return c.indicator; });
    var head = ['', t('html_utilisation'), t('ind_classes_needed'), t('ind_available'), t('ind_mean_class'), t('ind_max_class'),
      '>' + thr.standard, '>' + thr.large, '>' + thr.huge, t('ind_large_schools') + ' >' + num(thr.school),
      t('ind_within_radius') + ' ' + num(thr.radius) + ' m' + distKind()];
    cvs.forEach(function (n) { head.push(D.lang === 'zh' && D.labels['cv_' + n] ? t('cv_' + n) : 'CV ' + (cvNames[n] || n)); });
    var thead = document.createElement('thead');
    var hr = document.createElement('tr');
    head.forEach(function (h) { hr.appendChild(node('th', h)); });
    thead.appendChild(hr);
    table.appendChild(thead);
    var body = document.createElement('tbody');
    var row = function (label, s, cls) {
      var tr = document.createElement('tr');
      if (cls) { tr.className = cls; }
      tr.appendChild(node('td', label));
      indicatorCells(tr, s, cvs);
      body.appendChild(tr);
    };
    row(city().name + ' (' + t('total') + ')', ind.city, 'city');
    ind.districts.forEach(function (s, di) { row(s.name || s.id || districtName(di), s); });
    table.appendChild(body);
  }

  // indicatorCells appends to tr the indicator cells of the set s, then
  // its coefficients of variation cvs.
  function indicatorCells(tr, s, cvs) {
    [pct(s.utilisation_all_grades), num(s.classes_needed), num(s.classes_available), s.mean_class_size.toFixed(1),
      num(s.max_class_size), num(s.classes_over_standard), num(s.classes_over_55), num(s.classes_over_65),
      num(s.large_schools), pct(s.radius_share)].forEach(function (v) { tr.appendChild(node('td', v)); });
    cvs.forEach(function (n) {
      var c = null;
      s.cv.forEach(function (x) { if (x.indicator === n) { c = x; } });
      if (!c || c.schools === 0) {
        tr.appendChild(node('td', '–'));
        return;
      }
      var txt = c.value.toFixed(3) + (c.pass ? ' ✓' : ' ✗') + (c.missing > 0 ? ' (' + c.missing + ' missing)' : '');
      tr.appendChild(node('td', txt, c.pass ? 'pass' : 'fail'));
    });
  }

  // units fills the table of each unit kind (group, zone) on the page:
  // per unit of the year, its totals, then its indicators.
  function units() {
    ['group', 'zone'].forEach(function (kind) {
      var table = byId('units-' + kind + '-table');
      if (!table) { return; }
      table.textContent = '';
      var st = stage();
      var ind = st.ind[state.y];
      var list = (st.units && st.units[state.y] || []).filter(function (u) { return u.kind === kind; });
      if (!ind || list.length === 0) {
        table.appendChild(node('caption', t('html_units_none') + ' ' + year()));
        return;
      }
      var sets = {};
      (ind[kind === 'group' ? 'groups' : 'zones'] || []).forEach(function (s) { sets[s.id] = s; });
      var thr = st.thr;
      var cvs = ind.city.cv.map(function (c) { return c.indicator; });
      var head = [t('unit_' + kind), t('html_open_schools'), t('html_entrants'), t('html_entry_seats'), t('html_admitted'),
        t('html_unplaced'), t('html_utilisation'), t('ind_classes_needed'), t('ind_available'), t('ind_mean_class'),
        t('ind_max_class'), '>' + thr.standard, '>' + thr.large, '>' + thr.huge,
        t('ind_large_schools') + ' >' + num(thr.school), t('ind_within_radius') + ' ' + num(thr.radius) + ' m' + distKind()];
      cvs.forEach(function (n) { head.push(D.lang === 'zh' && D.labels['cv_' + n] ? t('cv_' + n) : 'CV ' + (cvNames[n] || n)); });
      var thead = document.createElement('thead');
      var hr = document.createElement('tr');
      head.forEach(function (h) { hr.appendChild(node('th', h)); });
      thead.appendChild(hr);
      table.appendChild(thead);
      var body = document.createElement('tbody');
      list.forEach(function (u) {
        var tr = document.createElement('tr');
        tr.appendChild(node('td', u.id, 'name'));
        [num(u.schools), num(u.ent), num(u.seats), num(u.adm)].forEach(function (v) { tr.appendChild(node('td', v)); });
        tr.appendChild(node('td', num(u.un), u.un > 0 ? 'fail' : ''));
        var s = sets[u.id];
        if (s) { indicatorCells(tr, s, cvs); }
        body.appendChild(tr);
      });
      table.appendChild(body);
    });
  }

  function chartMarkers() {
    var charts = document.querySelectorAll('svg.chart');
    for (var i = 0; i < charts.length; i++) {
      var svg = charts[i];
      var x = parseFloat(svg.getAttribute('data-x0')) + state.y * parseFloat(svg.getAttribute('data-dx'));
      var line = svg.querySelector('line.yr');
      line.setAttribute('x1', String(x));
      line.setAttribute('x2', String(x));
    }
  }

  function update() {
    if (drawn.city !== scen().city) {
      drawCity();
      drawn.city = scen().city;
    }
    if (drawn.sc !== state.sc || drawn.st !== state.st) {
      drawSchools();
      drawn.sc = state.sc;
      drawn.st = state.st;
      drawn.epoch = -2;
    }
    var k = epochIndex();
    if (k !== drawn.epoch) {
      drawCatchments(k);
      drawn.epoch = k;
    }
    yearOut.textContent = String(year());
    styleYear();
    summary();
    topSchools();
    indicators();
    units();
    chartMarkers();
  }

  // The view is kept in the address: #scenario=NAME&stage=junior&year=2031
  // opens the report there (a link to a view can be sent around).
  function readHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) { return; }
      var k = kv.slice(0, i);
      var v;
      try { v = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
      if (k === 'scenario') {
        D.scenarios.forEach(function (s, j) { if (s.name === v) { state.sc = j; } });
      } else if (k === 'stage' && D.stages.indexOf(v) >= 0) {
        state.st = D.stages.indexOf(v);
      } else if (k === 'year' && Number(v) >= D.first && Number(v) <= D.last) {
        state.y = Number(v) - D.first;
      }
    });
    scSel.value = String(state.sc);
    byId('stage').value = String(state.st);
    yearIn.value = String(year());
  }
  function writeHash() {
    var h = '#scenario=' + encodeURIComponent(scen().name) + '&stage=' + D.stages[state.st] + '&year=' + year();
    if (location.hash !== h) {
      try { history.replaceState(null, '', h); } catch (e) { /* some browsers refuse for files */ }
    }
  }
  function changed() { update(); writeHash(); }

  scSel.addEventListener('change', function () { state.sc = Number(scSel.value); changed(); });
  byId('stage').addEventListener('change', function (e) { state.st = Number(e.target.value); changed(); });
  yearIn.addEventListener('input', function () { state.y = Number(yearIn.value) - D.first; changed(); });
  window.addEventListener('hashchange', function () { readHash(); update(); });

  readHash();
  update();
  document.documentElement.setAttribute('data-ready', '1');
})();
