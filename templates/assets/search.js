/* تعاون — the search page's client. Plain JavaScript, no library.
   The index (search/index.json and the files it names) is written by taawun build
   (Sources/SearchIndex). The folding rules — letters folded, clitic prefixes, suffixes — are read
   from index.json, which takes them from the same Swift code the build indexes with: this file
   only applies them. A query downloads index.json, facets.json, one shard per word and the
   chunks of the results it shows. */
(function () {
  'use strict';

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charAt(a)] = a;
  var LETTER_OR_NUMBER = /[\p{Alphabetic}\p{N}]/u;

  /* Ascending article numbers from a postings string (SearchFiles.swift, JSONWriter.postings). */
  function decode(text) {
    var out = [], previous = -1, value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) { previous += value + 1; out.push(previous); value = 0; }
    }
    return out;
  }

  function Engine(manifest, load) {
    this.m = manifest;
    this.load = load;
    this.shards = {};
    this.chunks = {};
    this.facets = null;
    this.fold = {};
    this.whole = new Set(manifest.whole);
    for (var hex in manifest.fold) this.fold[parseInt(hex, 16)] = manifest.fold[hex];
  }

  /* One code point as ArabicNormalizer.fold folds it: '' dropped, ' ' a separator. */
  Engine.prototype.foldChar = function (ch) {
    var cp = ch.codePointAt(0);
    if (cp >= 0x41 && cp <= 0x5A) return String.fromCharCode(cp + 0x20);
    if (cp in this.fold) return this.fold[cp];
    return LETTER_OR_NUMBER.test(ch) ? ch : ' ';
  };

  Engine.prototype.normalize = function (text) {
    var out = '';
    for (var ch of text) out += this.foldChar(ch);
    return out;
  };

  Engine.prototype.words = function (text) {
    return this.normalize(text).split(' ').filter(function (w) { return w.length > 0; });
  };

  /* A folded word's keys, the word first (SearchText.keys): the clitics index.json lists, each
     with the shortest stem it leaves and whether it ends in the article without its alif (لل);
     a whole word (index.json "whole") is never cut, nor are its letters taken as a clitic, nor
     is a suffix cut from one (alone or after a conjunction, "conjunctions") or down to one. */
  Engine.prototype.keys = function (word) {
    var m = this.m, forms = [word], i;
    var whole = this.whole;
    if (whole.has(word)) return forms;
    for (i = 0; i < m.clitics.length; i++) {
      var p = m.clitics[i][0];
      if (word.length >= p.length + m.clitics[i][1] && word.startsWith(p)) {
        var claims = false;
        for (var c = 0; c < p.length && !claims; c++) claims = whole.has(word.slice(c));
        var rest = word.slice(p.length);
        if (claims) continue;
        if (m.clitics[i][2] && whole.has('\u0627\u0644' + rest)) { // لل: للذي is ل + الذي
          if (forms.indexOf('\u0627\u0644' + rest) < 0) forms.push('\u0627\u0644' + rest);
          continue;
        }
        if (forms.indexOf(rest) < 0) forms.push(rest);
        // A rest beginning with the article loses it as it would on its own (الإلكتروني, إلكتروني).
        if (rest.length >= 2 + m.clitics[i][1] && rest.startsWith('\u0627\u0644') && !whole.has(rest) && forms.indexOf(rest.slice(2)) < 0) forms.push(rest.slice(2));
      }
    }
    var seated = forms.slice();
    for (i = 0; i < seated.length; i++) {
      m.seats.forEach(function (pair) {
        var at = seated[i].indexOf(pair[0], 1);
        if (at < 0) return;
        var swapped = seated[i].slice(0, at) + pair[1] + seated[i].slice(at + pair[0].length);
        if (forms.indexOf(swapped) < 0) forms.push(swapped);
      });
    }
    var snapshot = forms.slice();
    for (i = 0; i < snapshot.length; i++) {
      var f = snapshot[i];
      if (whole.has(f) || (m.conjunctions.indexOf(f.charAt(0)) >= 0 && whole.has(f.slice(1)))) continue; // SearchText.isWhole
      for (var j = 0; j < m.suffixes.length; j++) {
        var s = m.suffixes[j];
        if (f.length >= s[1] && f.length - s[0].length >= s[2] && f.endsWith(s[0])) {
          var stem = f.slice(0, f.length - s[0].length);
          if (forms.indexOf(stem) < 0 && !whole.has(stem)) forms.push(stem);
          break;
        }
      }
    }
    return forms.filter(function (form) {
      return !(form.length >= 2 + m.stem && form.startsWith('\u0627\u0644') && forms.indexOf(form.slice(2)) >= 0);
    });
  };

  /* The shard of a key: FNV-1a over its first three letters (SearchText.shard). */
  Engine.prototype.shardOf = function (key) {
    var h = 2166136261, n = 0;
    for (var ch of key) {
      if (n++ === 3) break;
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % this.m.shards;
  };

  Engine.prototype.shard = function (n) {
    var self = this;
    if (!this.shards[n]) this.shards[n] = this.load('shards/' + n + '.json');
    return this.shards[n];
  };

  Engine.prototype.chunk = function (n) {
    if (!this.chunks[n]) this.chunks[n] = this.load('docs/' + n + '.json');
    return this.chunks[n];
  };

  /* Each article's year, countries and organisations, by number, from facets.json. */
  Engine.prototype.loadFacets = function () {
    var self = this;
    if (!this.facets) {
      this.facets = this.load('facets.json').then(function (f) {
        var n = self.m.articles, table = { year: new Array(n), country: [], organization: [] };
        for (var i = 0; i < n; i++) { table.country.push([]); table.organization.push([]); }
        f.years.forEach(function (list, y) { decode(list).forEach(function (d) { table.year[d] = y; }); });
        f.countries.forEach(function (list, c) { decode(list).forEach(function (d) { table.country[d].push(c); }); });
        f.organizations.forEach(function (list, o) { decode(list).forEach(function (d) { table.organization[d].push(o); }); });
        table.all = [];
        for (i = 0; i < n; i++) if (table.year[i] !== undefined || table.country[i].length || table.organization[i].length) table.all.push(i);
        return table;
      });
    }
    return this.facets;
  };

  /* What the query's words are: each word's keys, and for the last word while typing, the
     forms whose longer keys also count (prefix matching, three letters or more). */
  Engine.prototype.parse = function (query, typing) {
    var self = this, words = this.words(query);
    var prefix = typing && words.length > 0 && !/[\s\u060C,.]$/.test(query);
    return words.map(function (w, i) {
      var keys = self.keys(w);
      return { word: w, keys: keys, prefixes: prefix && i === words.length - 1 ? keys.filter(function (k) { return k.length >= 3; }) : [] };
    });
  };

  /* Articles matching every word of the query (or every indexed article for an empty one),
     scored, with the facets; `filters`: {country: [...codes], organization: [...ids], year: [...]}. */
  Engine.prototype.search = function (query, options) {
    var self = this, m = this.m;
    options = options || {};
    var parsed = this.parse(query, options.typing);
    var needed = {};
    parsed.forEach(function (p) { p.keys.forEach(function (k) { needed[self.shardOf(k)] = true; }); });
    var loads = Object.keys(needed).map(function (n) { return self.shard(+n).then(function (s) { return [+n, s]; }); });
    return Promise.all([this.loadFacets(), Promise.all(loads)]).then(function (loaded) {
      var facets = loaded[0], shards = {};
      loaded[1].forEach(function (pair) { shards[pair[0]] = pair[1]; });
      var matched = null;
      parsed.forEach(function (p) {
        var scores = new Map();
        function add(entry, weight) {
          var title = new Set(decode(entry[1]));
          decode(entry[0]).forEach(function (d) {
            var s = weight * (title.has(d) ? 4 : 1), old = scores.get(d);
            if (!old || old.score < s) scores.set(d, { score: s, title: title.has(d) });
          });
        }
        p.keys.forEach(function (k, i) {
          var entry = shards[self.shardOf(k)][k];
          if (entry) add(entry, i === 0 ? 3 : 2);
        });
        p.prefixes.forEach(function (f) {
          var shard = shards[self.shardOf(f)];
          for (var k in shard) if (k.length > f.length && k.startsWith(f)) add(shard[k], 1);
        });
        if (matched === null) {
          matched = new Map();
          scores.forEach(function (v, d) { matched.set(d, { score: v.score, titles: v.title ? 1 : 0 }); });
        } else {
          var next = new Map();
          matched.forEach(function (v, d) {
            var s = scores.get(d);
            if (s) next.set(d, { score: v.score + s.score, titles: v.titles + (s.title ? 1 : 0) });
          });
          matched = next;
        }
      });
      if (matched === null) {
        matched = new Map();
        facets.all.forEach(function (d) { matched.set(d, { score: 0, titles: 0 }); });
      }
      return self.filter(matched, facets, options.filters || {}, options.sort, parsed);
    });
  };

  Engine.prototype.filter = function (matched, facets, filters, sort, parsed) {
    var m = this.m;
    var chosen = {
      year: (filters.year || []).map(function (y) { return m.years.indexOf(+y); }).filter(function (i) { return i >= 0; }),
      country: (filters.country || []).map(function (c) { return m.countries.findIndex(function (e) { return e[0] === c; }); }).filter(function (i) { return i >= 0; }),
      organization: (filters.organization || []).map(function (o) { return m.organizations.findIndex(function (e) { return e[0] === o; }); }).filter(function (i) { return i >= 0; })
    };
    function passes(d, except) {
      return ['year', 'country', 'organization'].every(function (kind) {
        if (kind === except || chosen[kind].length === 0) return true;
        var values = kind === 'year' ? [facets.year[d]] : facets[kind][d];
        return values.some(function (v) { return chosen[kind].indexOf(v) >= 0; });
      });
    }
    var counts = { year: {}, country: {}, organization: {} }, results = [];
    matched.forEach(function (v, d) {
      ['year', 'country', 'organization'].forEach(function (kind) {
        if (!passes(d, kind)) return;
        var values = kind === 'year' ? (facets.year[d] === undefined ? [] : [facets.year[d]]) : facets[kind][d];
        values.forEach(function (x) { counts[kind][x] = (counts[kind][x] || 0) + 1; });
      });
      if (passes(d, null)) results.push({ id: d, score: v.score, titles: v.titles });
    });
    results.sort(sort === 'date' ? function (a, b) { return a.id - b.id; } : function (a, b) {
      return b.titles - a.titles || b.score - a.score || a.id - b.id;
    });
    return { results: results, counts: counts, chosen: chosen, parsed: parsed };
  };

  /* A result's card: [href, title, iso date, date as shown, summary, opening text]. */
  Engine.prototype.card = function (id) {
    var size = this.m.chunk;
    return this.chunk(Math.floor(id / size)).then(function (chunk) { return chunk[id % size]; });
  };

  /* Whether a word of the original text matches the query (its keys meet a query word's). */
  Engine.prototype.matcher = function (parsed, names) {
    var self = this, keys = new Set(), prefixes = [];
    parsed.forEach(function (p) { p.keys.forEach(function (k) { keys.add(k); }); prefixes = prefixes.concat(p.prefixes); });
    // An organisation or a country the query names is highlighted in every spelling the site knows
    // (القطرية finds قطر and الدوحة).
    (names || []).forEach(function (n) {
      n.wordKeys.forEach(function (spelling) { spelling.forEach(function (ks) { ks.forEach(function (k) { keys.add(k); }); }); });
    });
    return function (original) {
      var folded = self.normalize(original).replace(/ /g, '');
      if (!folded) return false;
      return self.keys(folded).some(function (k) {
        return keys.has(k) || prefixes.some(function (f) { return k.startsWith(f); });
      });
    };
  };

  /* The original text cut into words and what lies between them, as the folding sees them. */
  Engine.prototype.segments = function (text) {
    var out = [], current = '', inWord = false;
    for (var ch of text) {
      var f = this.foldChar(ch), letter = f !== ' ' && (f !== '' || inWord);
      if (letter !== inWord && current) { out.push({ text: current, word: inWord }); current = ''; }
      inWord = letter;
      current += ch;
    }
    if (current) out.push({ text: current, word: inWord });
    return out;
  };

  /* Organisations and countries one of whose spellings the query is. */
  Engine.prototype.names = function (parsed) {
    var self = this, found = [];
    if (!parsed.length) return found;
    function meets(a, b) { return a.some(function (k) { return b.indexOf(k) >= 0; }); }
    [['countries', 'country'], ['organizations', 'organization']].forEach(function (kind) {
      self.m[kind[0]].forEach(function (entity) {
        if (!entity.wordKeys) {
          entity.wordKeys = entity[3].map(function (s) { return self.words(s).map(function (w) { return self.keys(w); }); });
        }
        var hit = entity.wordKeys.some(function (spelling) {
          return spelling.length === parsed.length && spelling.every(function (keys, i) {
            return meets(keys, parsed[i].keys) || parsed[i].prefixes.some(function (f) { return keys.some(function (k) { return k.startsWith(f); }); });
          });
        });
        if (hit) found.push({ kind: kind[1], id: entity[0], name: entity[1], href: entity[2], wordKeys: entity.wordKeys });
      });
    });
    return found;
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { Engine: Engine, decode: decode };
  }
  if (typeof document === 'undefined') return;

  /* ---- The page ---- */
  var form = document.getElementById('search-form');
  if (!form) return;
  var input = document.getElementById('search-q');
  var sortSelect = document.getElementById('search-sort');
  var status = document.getElementById('search-status');
  var layout = document.getElementById('search-layout');
  var list = document.getElementById('search-results');
  var namesList = document.getElementById('search-names');
  var facetsBox = document.getElementById('search-facets');
  var more = document.getElementById('search-more');
  var notice = document.getElementById('search-notice');
  var root = form.getAttribute('data-root');
  var indexURL = form.getAttribute('data-index');
  var base = indexURL.slice(0, indexURL.lastIndexOf('/') + 1);
  var PAGE = 10;
  var digits = '٠١٢٣٤٥٦٧٨٩';
  function arabicNumber(n) { return String(n).replace(/[0-9]/g, function (d) { return digits[+d]; }); }

  if (location.protocol === 'file:') return; // the notice stays: fetch cannot read the disk
  notice.hidden = true;
  layout.hidden = false;

  function load(path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    });
  }
  var engine = null;
  function ready() {
    if (!engine) engine = load('index.json').then(function (m) { return new Engine(m, load); });
    return engine;
  }

  var params = new URLSearchParams(location.search);
  var filters = { country: params.getAll('country'), organization: params.getAll('organization'), year: params.getAll('year') };
  input.value = params.get('q') || '';
  sortSelect.value = params.get('sort') === 'date' ? 'date' : '';
  var shown = 0, current = null, generation = 0;

  function updateURL() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    if (sortSelect.value) p.set('sort', sortSelect.value);
    ['country', 'organization', 'year'].forEach(function (k) { filters[k].forEach(function (v) { p.append(k, v); }); });
    var q = p.toString();
    history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
  }

  function el(name, attributes, text) {
    var node = document.createElement(name);
    for (var k in attributes || {}) node.setAttribute(k, attributes[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function highlighted(node, text, match) {
    current.engine.segments(text).forEach(function (s) {
      if (s.word && match(s.text)) node.appendChild(el('mark', {}, s.text));
      else node.appendChild(document.createTextNode(s.text));
    });
    return node;
  }

  /* Up to 40 words around the first matched word of the opening text; the summary otherwise. */
  function excerpt(card, match) {
    var segments = current.engine.segments(card[5]);
    var words = segments.filter(function (s) { return s.word; });
    var first = words.findIndex(function (s) { return match(s.text); });
    if (first < 0) return card[4] || card[5];
    var start = segments.indexOf(words[Math.max(0, first - 12)]);
    var end = segments.indexOf(words[Math.min(words.length - 1, first + 28)]);
    var text = segments.slice(start, end + 1).map(function (s) { return s.text; }).join('');
    return (start > 0 ? '… ' : '') + text + (end < segments.length - 1 ? ' …' : '');
  }

  function showMore() {
    var run = current, ids = run.found.results.slice(shown, shown + PAGE);
    shown += ids.length;
    more.hidden = shown >= run.found.results.length;
    return Promise.all(ids.map(function (r) { return run.engine.card(r.id); })).then(function (cards) {
      if (run !== current) return;
      var match = run.engine.matcher(run.found.parsed, run.names);
      cards.forEach(function (card) {
        if (!card) return;
        var item = el('li', { 'class': 'search-result' });
        var heading = el('h2');
        heading.appendChild(highlighted(el('a', { href: root + card[0] }), card[1], match));
        item.appendChild(heading);
        if (card[2]) item.appendChild(el('time', { datetime: card[2] }, card[3]));
        item.appendChild(highlighted(el('p'), excerpt(card, match), match));
        list.appendChild(item);
      });
    });
  }

  function facetGroup(kind, legend, entries) {
    if (!entries.length) return;
    var box = el('fieldset');
    box.appendChild(el('legend', {}, legend));
    entries.forEach(function (e) {
      var id = 'facet-' + kind + '-' + e.value;
      var label = el('label', { 'for': id });
      var check = el('input', { type: 'checkbox', id: id, value: e.value, 'data-kind': kind });
      check.checked = filters[kind].indexOf(e.value) >= 0;
      label.appendChild(check);
      label.appendChild(el('span', {}, e.name));
      label.appendChild(el('span', { 'class': 'count' }, arabicNumber(e.count)));
      box.appendChild(label);
    });
    facetsBox.appendChild(box);
  }

  function renderFacets(e, found) {
    facetsBox.textContent = '';
    function entries(kind, names, value, name) {
      var out = [];
      names.forEach(function (n, i) {
        var count = found.counts[kind][i] || 0;
        if (count > 0 || found.chosen[kind].indexOf(i) >= 0) out.push({ value: String(value(n)), name: name(n), count: count });
      });
      return out.sort(function (a, b) { return b.count - a.count; }).slice(0, 12);
    }
    facetGroup('year', 'السنة', entries('year', e.m.years, function (y) { return y; }, function (y) { return arabicNumber(y); })
      .sort(function (a, b) { return b.value - a.value; }));
    facetGroup('country', 'الدولة', entries('country', e.m.countries, function (c) { return c[0]; }, function (c) { return c[1]; }));
    facetGroup('organization', 'المؤسسة', entries('organization', e.m.organizations, function (o) { return o[0]; }, function (o) { return o[1]; }));
  }

  function run(typing) {
    var mine = ++generation;
    updateURL();
    var query = input.value;
    var filtered = filters.country.length + filters.organization.length + filters.year.length > 0;
    if (!query.trim() && !filtered) {
      list.textContent = ''; namesList.textContent = ''; facetsBox.textContent = ''; more.hidden = true;
      status.textContent = 'اكتب كلمة أو أكثر للبحث.';
      return Promise.resolve();
    }
    status.textContent = 'جارٍ البحث…';
    return ready().then(function (e) {
      return e.search(query, { typing: typing, sort: sortSelect.value, filters: filters }).then(function (found) {
        if (mine !== generation) return;
        current = { engine: e, found: found, names: e.names(found.parsed) };
        shown = 0;
        list.textContent = '';
        namesList.textContent = '';
        current.names.forEach(function (n) {
          var item = el('li');
          var link = el('a', { href: root + n.href }, (n.kind === 'country' ? 'الدولة: ' : 'المؤسسة: ') + n.name);
          item.appendChild(link);
          namesList.appendChild(item);
        });
        renderFacets(e, found);
        var n = found.results.length;
        status.textContent = n === 0 ? 'لا نتائج. جرّب كلمة أخرى أو أزل أحد المرشحات.' :
          n === 1 ? 'نتيجة واحدة.' : n === 2 ? 'نتيجتان.' : arabicNumber(n) + (n % 100 >= 3 && n % 100 <= 10 ? ' نتائج.' : ' نتيجة.');
        return showMore();
      });
    }).catch(function (error) {
      if (mine === generation) status.textContent = 'تعذّر تحميل فهرس البحث. حدّث الصفحة أو تصفّح المؤسسات والدول.';
      if (window.console) console.error(error);
    });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 150);
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); clearTimeout(timer); run(false); });
  sortSelect.addEventListener('change', function () { run(false); });
  facetsBox.addEventListener('change', function (event) {
    var t = event.target, kind = t.getAttribute('data-kind');
    if (!kind) return;
    filters[kind] = filters[kind].filter(function (v) { return v !== t.value; });
    if (t.checked) filters[kind].push(t.value);
    run(false).then(function () {
      var again = document.getElementById(t.id);
      if (again) again.focus();
    });
  });
  more.addEventListener('click', function () { showMore(); });
  var header = document.getElementById('site-search-q');
  if (header && input.value) header.value = input.value;
  run(false);
})();
