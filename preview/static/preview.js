// The preview page: the workbook's sheets beside the real sidebar (in the iframe). The sidebar's
// google.script.run shim posts a message after every server call; the sheets are read again then.
(function () {
  'use strict';

  var grid = document.getElementById('grid');
  var wrap = document.getElementById('grid-wrap');
  var tabs = document.getElementById('sheet-tabs');
  var info = document.getElementById('sheet-info');
  var frame = document.getElementById('sidebar');
  var lockBox = document.getElementById('lock');
  var current = 'FBA Ledger';
  var last = null;
  /** Per sheet: its row count and a signature when last shown, to mark what changed. */
  var seen = {};
  var changed = {};
  var newFrom = {};
  var loading = false;
  var again = false;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function colName(i) {
    var s = '';
    i += 1;
    while (i > 0) {
      var m = (i - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      i = Math.floor((i - 1) / 26);
    }
    return s;
  }

  function signature(sheet) {
    return sheet.totalRows + ':' + sheet.cols + ':' + JSON.stringify(sheet.rows).length;
  }

  function renderGrid(sheet) {
    while (grid.firstChild) grid.removeChild(grid.firstChild);
    var cols = Math.max(sheet.cols, 6);
    var head = el('thead');
    var hr = el('tr');
    hr.appendChild(el('th', { class: 'corner', scope: 'col' }, ''));
    for (var c = 0; c < cols; c++) hr.appendChild(el('th', { scope: 'col' }, colName(c)));
    head.appendChild(hr);
    grid.appendChild(head);
    var body = el('tbody');
    var prev = 0;
    var firstNew = null;
    sheet.rows.forEach(function (row) {
      if (row.n > prev + 1) {
        var gap = el('tr', { class: 'gap' });
        gap.appendChild(el('th', { scope: 'row' }, '⋮'));
        var td = el('td', { colspan: String(cols) }, (row.n - prev - 1) + ' rows not shown');
        gap.appendChild(td);
        body.appendChild(gap);
      }
      prev = row.n;
      var isNew = newFrom[sheet.name] !== undefined && row.n >= newFrom[sheet.name];
      var tr = el('tr', { class: (row.n <= sheet.frozenRows ? 'frozen' : '') + (isNew ? ' new' : ''), 'data-row': String(row.n) });
      if (isNew && firstNew === null) firstNew = tr;
      tr.appendChild(el('th', { scope: 'row' }, row.n));
      for (var i = 0; i < cols; i++) {
        var v = i < row.c.length ? row.c[i] : '';
        var text, cls = '';
        if (typeof v === 'number') { text = String(v); cls = 'num'; }
        else if (v && typeof v === 'object' && 'd' in v) { text = v.d; cls = 'date'; }
        else text = v === null || v === undefined ? '' : String(v);
        var cell = el('td', { class: cls || null, title: text.length > 24 ? text : null }, text);
        tr.appendChild(cell);
      }
      body.appendChild(tr);
    });
    grid.appendChild(body);
    info.textContent = sheet.name + ': ' + Math.max(0, sheet.totalRows - (sheet.frozenRows || 0)) + ' data rows' +
      (sheet.rows.length < sheet.totalRows ? ' (the first and last ' + Math.floor(sheet.rows.length / 2) + ' shown)' : '') +
      (sheet.hidden ? ' · hidden sheet' : '');
    if (firstNew) firstNew.scrollIntoView({ block: 'center' });
  }

  function renderTabs(state) {
    while (tabs.firstChild) tabs.removeChild(tabs.firstChild);
    state.sheets.forEach(function (s) {
      var b = el('button', {
        type: 'button', role: 'tab', class: 'sheet-tab' + (s.hidden ? ' hidden-sheet' : ''),
        'aria-selected': String(s.name === current), tabindex: s.name === current ? '0' : '-1', 'data-sheet': s.name,
      }, s.name);
      if (changed[s.name] && s.name !== current) b.appendChild(el('span', { class: 'dot', title: 'Changed', 'aria-label': ' (changed)' }));
      b.addEventListener('click', function () { select(s.name); });
      b.addEventListener('keydown', function (e) {
        var names = state.sheets.map(function (x) { return x.name; });
        var i = names.indexOf(s.name);
        var next = e.key === 'ArrowRight' ? names[(i + 1) % names.length] : e.key === 'ArrowLeft' ? names[(i - 1 + names.length) % names.length] : null;
        if (next) {
          e.preventDefault();
          select(next);
          var t = tabs.querySelector('[data-sheet="' + next.replace(/"/g, '\\"') + '"]');
          if (t) t.focus();
        }
      });
      tabs.appendChild(b);
    });
  }

  function select(name) {
    current = name;
    changed[name] = false;
    if (!last) return;
    renderTabs(last);
    var sheet = last.sheets.filter(function (s) { return s.name === name; })[0];
    if (sheet) {
      wrap.scrollTop = 0;
      renderGrid(sheet);
      delete newFrom[name];
    }
  }

  function renderMeta(state) {
    document.getElementById('doc-name').textContent = state.spreadsheetName;
    document.getElementById('clock').textContent = 'Today ' + state.now.slice(0, 16) + ' · ' + state.timeZone;
    lockBox.checked = state.lockHeld;
    var creds = document.getElementById('creds');
    if (!creds.firstChild) {
      [['Client ID', state.credentials.clientId], ['Client secret', state.credentials.clientSecret], ['Refresh token', state.credentials.refreshToken],
        ['Region', state.credentials.region], ['Marketplace', state.credentials.marketplaceIds.join(', ') + ' (US)']].forEach(function (p) {
        creds.appendChild(el('dt', null, p[0]));
        var dd = el('dd');
        var input = el('input', { type: 'text', readonly: '', value: p[1], 'aria-label': p[0], spellcheck: 'false' });
        input.addEventListener('focus', function () { input.select(); });
        dd.appendChild(input);
        creds.appendChild(dd);
      });
      var files = document.getElementById('files');
      state.files.forEach(function (f) {
        var li = el('li');
        li.appendChild(el('a', { href: '/__files/' + encodeURIComponent(f.name), download: f.name }, f.name));
        li.appendChild(el('span', { class: 'muted' }, ' — ' + f.about));
        files.appendChild(li);
      });
    }
  }

  function apply(state, fresh) {
    state.sheets.forEach(function (s) {
      var sig = signature(s);
      var before = seen[s.name];
      if (!fresh && before && before.sig !== sig) {
        changed[s.name] = true;
        if (s.totalRows > before.rows) newFrom[s.name] = before.rows + 1;
      }
      seen[s.name] = { sig: sig, rows: s.totalRows };
    });
    if (!state.sheets.some(function (s) { return s.name === current; })) current = state.sheets[0] ? state.sheets[0].name : '';
    last = state;
    changed[current] = false;
    renderMeta(state);
    renderTabs(state);
    var sheet = state.sheets.filter(function (s) { return s.name === current; })[0];
    var top = wrap.scrollTop;
    if (sheet) renderGrid(sheet);
    if (newFrom[current] === undefined) wrap.scrollTop = top;
    delete newFrom[current];
    document.body.setAttribute('data-calls', String(state.calls));
  }

  function load(fresh) {
    if (loading) { again = true; return; }
    loading = true;
    fetch('/__workbook', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (state) { apply(state, fresh); })
      .catch(function (e) { info.textContent = 'Could not read the workbook: ' + e; })
      .then(function () {
        loading = false;
        document.body.setAttribute('data-loaded', '1');
        if (again) { again = false; load(false); }
      });
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json(); });
  }

  function openSidebar(tab) {
    frame.src = '/sidebar.html' + (tab && tab !== 'inventory' ? '?tab=' + encodeURIComponent(tab) : '');
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== location.origin || !e.data || e.data.type !== 'fba-preview:rpc') return;
    load(false);
  });

  Array.prototype.forEach.call(document.querySelectorAll('.menu button[data-tab]'), function (b) {
    b.addEventListener('click', function () { openSidebar(b.getAttribute('data-tab')); });
  });
  document.getElementById('reload-sidebar').addEventListener('click', function () { frame.src = frame.src; });

  document.getElementById('reset').addEventListener('click', function () {
    var btn = this;
    btn.disabled = true;
    btn.textContent = 'Resetting…';
    post('/__reset').then(function (state) {
      seen = {}; changed = {}; newFrom = {};
      apply(state, true);
      openSidebar('inventory');
    }).catch(function (e) { info.textContent = 'Reset failed: ' + e; })
      .then(function () { btn.disabled = false; btn.textContent = 'Reset sample data'; });
  });

  lockBox.addEventListener('change', function () {
    post('/__lock', { hold: lockBox.checked }).then(function (state) { apply(state, false); });
  });

  load(true);
})();
