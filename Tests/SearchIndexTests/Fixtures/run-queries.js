// Runs the site's own search client (templates/assets/search.js, as built into public/assets/)
// under node against a built index, for the tests and bench/search_bench.py.
//   node run-queries.js PUBLIC queries.json [--all] → [{query, ids, titles (top 10, or all), names, bytes}]
//   node run-queries.js PUBLIC --keys words.txt  → [[word, normalised, keys…]] as JSON
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const [publicDir, mode, file] = process.argv.slice(2);
const all = process.argv.includes('--all');
const { Engine } = require(path.join(path.resolve(publicDir), 'assets', 'search.js'));
let bytes = 0, gzipped = 0;
function load(p) {
  const data = fs.readFileSync(path.join(publicDir, 'search', p));
  bytes += data.length;
  gzipped += zlib.gzipSync(data, { level: 6 }).length;
  return Promise.resolve(JSON.parse(data.toString('utf8')));
}
async function main() {
  const manifest = await load('index.json');
  if (mode === '--keys') {
    const words = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const engine = new Engine(manifest, load);
    const out = words.map(w => [w, engine.normalize(w), ...engine.words(w).flatMap(x => engine.keys(x))]);
    process.stdout.write(JSON.stringify(out));
    return;
  }
  const queries = JSON.parse(fs.readFileSync(mode, 'utf8'));
  const out = [];
  for (const q of queries) {
    // Each query as a first query: a fresh engine, counting every file it loads.
    bytes = 0; gzipped = 0;
    const manifestAgain = await load('index.json');
    const engine = new Engine(manifestAgain, load);
    const found = await engine.search(q.query, { typing: !!q.typing, filters: q.filters || {}, sort: q.sort });
    const top = found.results.slice(0, all ? found.results.length : 10);
    const cards = await Promise.all(top.map(r => engine.card(r.id)));
    const names = engine.names(found.parsed).map(n => n.kind + ':' + n.id);
    out.push({ query: q.query, count: found.results.length, ids: found.results.map(r => r.id),
               titles: cards.map(c => c && c[1]), names, bytes, gzipped });
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch(e => { console.error(e); process.exit(1); });
