// Bench-only preload (`node -r`), never part of the product. Each SIGUSR2 switches a probe on or
// off; switching it off writes what it saw to BENCH_PROBE_FILE:
// - BENCH_PROBE=sql: every statement sent through `pg`, with how long it took from the driver call
//   until the result came back (to show, and replay in pgbench, what one request issues, and to
//   split a request's time into SQL round trips and the rest);
// - BENCH_PROBE=cpu: a V8 CPU profile (.cpuprofile) of exactly the time it was on.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_PROBE_FILE;

function sqlProbe() {
  const { Client } = require('pg');
  let enabled = false;
  let lines = [];
  // Kept in memory while on, written when switched off, so that recording costs the requests little.
  process.on('SIGUSR2', () => {
    enabled = !enabled;
    if (!enabled) {
      writeFileSync(target, lines.map((line) => JSON.stringify(line) + '\n').join(''));
      lines = [];
    }
  });
  const original = Client.prototype.query;
  Client.prototype.query = function probedQuery(config, values, callback) {
    if (!enabled) return original.call(this, config, values, callback);
    const text = typeof config === 'string' ? config : config && config.text;
    const params = Array.isArray(values) ? values : (config && config.values) || [];
    const started = process.hrtime.bigint();
    const record = () => {
      if (typeof text === 'string')
        lines.push({ text, params, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    };
    if (typeof callback === 'function') {
      return original.call(this, config, values, function done(...results) {
        record();
        return callback.apply(this, results);
      });
    }
    if (typeof values === 'function') {
      return original.call(this, config, function done(...results) {
        record();
        return values.apply(this, results);
      });
    }
    const result = original.call(this, config, values, callback);
    if (result && typeof result.then === 'function') result.then(record, record);
    return result;
  };
}

function cpuProbe() {
  const inspector = require('node:inspector');
  let session;
  process.on('SIGUSR2', () => {
    if (!session) {
      session = new inspector.Session();
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    const running = session;
    session = undefined;
    running.post('Profiler.stop', (error, result) => {
      writeFileSync(target, error ? '' : JSON.stringify(result.profile));
      running.disconnect();
    });
  });
}

if (target && process.env.BENCH_PROBE === 'sql') sqlProbe();
if (target && process.env.BENCH_PROBE === 'cpu') cpuProbe();
