// The live page: polls api/live (README.md documents its keys) and draws each event type's load, profile and pool
// with uPlot. Plain script, no build step; every file it loads is served by the program itself.
"use strict";
(function () {
  const KEYS = ["actual", "predicted", "predictedLower", "predictedUpper", "profile", "instances", "executing", "coldStarts",
    "predictedBytes", "predictedBytesLower", "predictedBytesUpper"];
  const state = { since: 0, time: [], types: new Map(), profiles: [], sampleSeconds: 1 };
  const main = document.getElementById("types");
  const status = document.getElementById("status");

  const rate = v => v == null ? "–" : v.toFixed(v < 10 ? 1 : 0);
  const count = v => v == null ? "–" : Math.round(v).toLocaleString("en-US");
  const kilobytes = v => v == null ? "–" : (v / 1000).toFixed(v < 10000 ? 1 : 0);
  const widthOf = card => Math.max(280, card.clientWidth - 24);
  const stepped = uPlot.paths.stepped({ align: 1 });
  // The charts of a type share one time axis, drawn under the last; an empty right axis on the others keeps
  // their plots as wide as the pool chart's, whose right axis counts cold starts.
  const hiddenTime = { show: false };
  const yAxis = label => ({ size: 70, label: label });
  const spacer = { side: 1, size: 36, grid: { show: false }, ticks: { show: false }, values: () => [] };

  function loadChart(card, sync) {
    return new uPlot({
      width: widthOf(card), height: 130, legend: { show: false }, cursor: { sync: { key: sync } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, (max || 0) * 1.1)] } },
      series: [
        {},
        { label: "actual", stroke: "#2563eb", width: 1.5 },
        { label: "forecast", stroke: "#d97706", width: 1.5, dash: [6, 4] },
        { label: "lower", stroke: "rgba(217,119,6,0.35)", width: 0.5 },
        { label: "upper", stroke: "rgba(217,119,6,0.35)", width: 0.5 },
      ],
      bands: [{ series: [4, 3], fill: "rgba(217,119,6,0.15)" }],
      axes: [hiddenTime, yAxis("events/s"), spacer],
    }, [[], [], [], [], []], card.querySelector(".load"));
  }

  function bytesChart(card, sync) {
    return new uPlot({
      width: widthOf(card), height: 100, legend: { show: false }, cursor: { sync: { key: sync } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, (max || 0) * 1.1)] } },
      series: [
        {},
        { label: "forecast", stroke: "#0d9488", width: 1.5, dash: [6, 4] },
        { label: "lower", stroke: "rgba(13,148,136,0.35)", width: 0.5 },
        { label: "upper", stroke: "rgba(13,148,136,0.35)", width: 0.5 },
      ],
      bands: [{ series: [3, 2], fill: "rgba(13,148,136,0.15)" }],
      axes: [hiddenTime, { size: 70, label: "KB/s", values: (u, splits) => splits.map(v => kilobytes(v)) }, spacer],
    }, [[], [], [], []], card.querySelector(".bytes"));
  }

  function profileChart(card, sync) {
    return new uPlot({
      width: widthOf(card), height: 84, legend: { show: false }, cursor: { sync: { key: sync } },
      scales: { x: { time: true }, y: { range: () => [-0.5, Math.max(1, state.profiles.length) - 0.5] } },
      series: [{}, { label: "profile", stroke: "#4f46e5", width: 2, fill: "rgba(79,70,229,0.08)", paths: stepped }],
      axes: [hiddenTime, {
        size: 70, splits: () => state.profiles.map((_, i) => i),
        values: (u, splits) => splits.map(i => state.profiles[i] || ""),
      }, spacer],
    }, [[], []], card.querySelector(".profile-chart"));
  }

  function poolChart(card, sync) {
    return new uPlot({
      width: widthOf(card), height: 140, legend: { show: false }, cursor: { sync: { key: sync } },
      scales: {
        x: { time: true },
        y: { range: (u, min, max) => [0, Math.max(2, (max || 0) * 1.15)] },
        cold: { range: (u, min, max) => [0, Math.max(2, (max || 0) * 1.5)] },
      },
      series: [
        {},
        { label: "instances", stroke: "#059669", width: 1.5, paths: stepped },
        { label: "executing", stroke: "#6366f1", width: 1, paths: stepped },
        { label: "cold starts", scale: "cold", stroke: "#dc2626", fill: "rgba(220,38,38,0.45)", paths: uPlot.paths.bars({ size: [0.8, 6] }), points: { show: false } },
      ],
      axes: [{}, yAxis("instances"), { scale: "cold", side: 1, size: 36, grid: { show: false }, stroke: "#dc2626" }],
    }, [[], [], [], []], card.querySelector(".pool"));
  }

  function addType(name, samplesBefore) {
    const card = document.createElement("section");
    card.className = "type";
    card.dataset.type = name;
    card.innerHTML =
      '<h2><span class="name"></span><span class="profile" data-field="profile"></span></h2>' +
      '<div class="numbers">' +
      '<span>actual <b data-field="actual"></b>/s</span>' +
      '<span>forecast <b data-field="predicted"></b>/s (<span data-field="bounds"></span>)</span>' +
      '<span>data <b data-field="predictedBytes"></b> KB/s (<span data-field="bytesBounds"></span>)</span>' +
      '<span>instances <b data-field="instances"></b> (<span data-field="executing"></span> executing)</span>' +
      '<span>cold starts <b data-field="coldStarts"></b></span>' +
      '<span>processed <b data-field="processed"></b></span></div>' +
      '<p class="chart-title">load</p><div class="load"></div>' +
      '<p class="chart-title">data volume (forecast)</p><div class="bytes"></div>' +
      '<p class="chart-title">profile</p><div class="profile-chart"></div>' +
      '<p class="chart-title">pool</p><div class="pool"></div>';
    card.querySelector(".name").textContent = name;
    main.appendChild(card);
    const sync = "type-" + name;
    const series = {};
    KEYS.forEach(k => { series[k] = new Array(samplesBefore).fill(null); });
    const entry = { card, series, charts: [loadChart(card, sync), bytesChart(card, sync), profileChart(card, sync), poolChart(card, sync)] };
    state.types.set(name, entry);
    return entry;
  }

  function merge(live) {
    const before = state.time.length;
    const incoming = new Map(live.types.map(t => [t.type, t]));
    live.types.forEach(t => { if (!state.types.has(t.type)) addType(t.type, before); });
    live.time.forEach(t => state.time.push(t));
    state.types.forEach((entry, name) => {
      const history = incoming.has(name) ? incoming.get(name).history : null;
      KEYS.forEach(k => {
        const values = history ? history[k] : new Array(live.time.length).fill(null);
        values.forEach(v => entry.series[k].push(v));
      });
    });
    const cutoff = live.now - live.windowSeconds * 1000;
    let drop = 0;
    while (drop < state.time.length && state.time[drop] < cutoff) drop++;
    if (drop > 0) {
      state.time.splice(0, drop);
      state.types.forEach(entry => KEYS.forEach(k => entry.series[k].splice(0, drop)));
    }
    if (live.time.length > 0) state.since = live.time[live.time.length - 1];
  }

  function render(live) {
    Object.keys(live.totals).forEach(key => {
      const cell = document.querySelector('[data-total="' + key + '"]');
      if (cell) cell.textContent = count(live.totals[key]);
    });
    status.textContent = live.ready ? "ready" : "not ready: " + live.notReadyReason;
    status.className = "status " + (live.ready ? "ready" : "not-ready");
    document.getElementById("window").textContent = Math.round(live.windowSeconds / 60) + " minutes";
    const seconds = state.time.map(t => t / 1000);
    live.types.forEach(t => {
      const entry = state.types.get(t.type);
      const field = name => entry.card.querySelector('[data-field="' + name + '"]');
      field("profile").textContent = t.profile || "–";
      field("actual").textContent = rate(t.actual);
      field("predicted").textContent = rate(t.predicted);
      field("bounds").textContent = rate(t.predictedLower) + "–" + rate(t.predictedUpper);
      field("predictedBytes").textContent = kilobytes(t.predictedBytes);
      field("bytesBounds").textContent = kilobytes(t.predictedBytesLower) + "–" + kilobytes(t.predictedBytesUpper);
      field("instances").textContent = count(t.instances);
      field("executing").textContent = count(t.executing);
      field("coldStarts").textContent = count(t.coldStarts);
      field("processed").textContent = count(t.processed);
      const s = entry.series;
      entry.charts[0].setData([seconds, s.actual, s.predicted, s.predictedLower, s.predictedUpper]);
      entry.charts[1].setData([seconds, s.predictedBytes, s.predictedBytesLower, s.predictedBytesUpper]);
      entry.charts[2].setData([seconds, s.profile]);
      entry.charts[3].setData([seconds, s.instances, s.executing, s.coldStarts]);
    });
  }

  async function poll() {
    try {
      const response = await fetch("api/live?since=" + state.since, { cache: "no-store" });
      const live = await response.json();
      state.profiles = live.profiles;
      state.sampleSeconds = live.sampleSeconds;
      merge(live);
      render(live);
    } catch (error) {
      status.textContent = "disconnected: " + error.message;
      status.className = "status not-ready";
    } finally {
      setTimeout(poll, Math.min(5000, Math.max(1000, state.sampleSeconds * 1000)));
    }
  }

  window.addEventListener("resize", () => state.types.forEach(entry =>
    entry.charts.forEach(chart => chart.setSize({ width: widthOf(entry.card), height: chart.height }))));
  poll();
})();
