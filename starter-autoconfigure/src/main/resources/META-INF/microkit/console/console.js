// The microkit console: polls the service's snapshots once a second and draws them.
// Plain DOM and SVG, no library: the page must work offline, from the jar alone.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const SHARE_SECONDS = 10;
  let history = [];
  let capacity = 120;
  let lastSeq = -1;

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function cell(field, text, attributes) {
    return el('td', Object.assign({ 'data-field': field }, attributes || {}), text);
  }

  function fixed(value, digits) {
    return (value === null || value === undefined) ? '–' : Number(value).toFixed(digits);
  }

  function spark(values, cls) {
    const width = 240;
    const height = 28;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const base = document.createElementNS(SVG, 'line');
    base.setAttribute('class', 'base');
    base.setAttribute('x1', 0);
    base.setAttribute('x2', width);
    base.setAttribute('y1', height - 1);
    base.setAttribute('y2', height - 1);
    svg.appendChild(base);
    const max = Math.max(1, ...values.filter((v) => v !== null));
    const step = width / Math.max(1, capacity - 1);
    const offset = capacity - values.length;
    const points = [];
    values.forEach((value, index) => {
      if (value !== null) {
        const x = (offset + index) * step;
        const y = height - 2 - (value / max) * (height - 4);
        points.push(x.toFixed(1) + ',' + y.toFixed(1));
      }
    });
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', cls);
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = 'peak ' + fixed(max, 1);
    svg.appendChild(title);
    return svg;
  }

  function series(pick) {
    return history.map((snapshot) => {
      const value = pick(snapshot);
      return (value === undefined) ? null : value;
    });
  }

  function findInstance(snapshot, client, instance) {
    const c = snapshot.clients.find((x) => x.client === client);
    return c ? c.instances.find((x) => x.instance === instance) : undefined;
  }

  function share(client, instance) {
    let mine = 0;
    let all = 0;
    history.slice(-SHARE_SECONDS).forEach((snapshot) => {
      const c = snapshot.clients.find((x) => x.client === client);
      (c ? c.instances : []).forEach((i) => {
        all += i.callsPerSecond;
        if (i.instance === instance) {
          mine += i.callsPerSecond;
        }
      });
    });
    return all > 0 ? (100 * mine) / all : null;
  }

  function renderClients(latest) {
    const box = document.getElementById('clients');
    box.replaceChildren();
    document.getElementById('no-clients').hidden = latest.clients.length > 0;
    latest.clients.forEach((client) => {
      const section = el('section', { class: 'client', 'data-client': client.client });
      const title = el('h3', {}, client.client);
      const meta = ['balancer ' + client.loadBalancer];
      if (client.circuitBreaker) {
        meta.push('breaker ' + client.circuitBreaker);
      }
      if (client.retriesLeft !== null && client.retriesLeft !== undefined) {
        meta.push('retries left ' + client.retriesLeft);
      }
      title.appendChild(el('span', { class: 'meta', 'data-field': 'client-state' }, meta.join(' · ')));
      section.appendChild(title);
      const table = el('table', { class: 'instances' });
      const head = el('tr');
      ['instance', 'calls /s (2 min)', 'now /s', 'share (10 s)', 'success', 'latency est.', 'p99 (10 s)',
        'p99 (2 min)', 'in flight', 'state'].forEach((name) => head.appendChild(el('th', {}, name)));
      table.appendChild(el('thead')).appendChild(head);
      const body = el('tbody');
      client.instances.forEach((instance) => {
        const s = share(client.client, instance.instance);
        const row = el('tr', { class: 'instance', 'data-client': client.client, 'data-instance': instance.instance,
          'data-ejected': String(instance.ejected), 'data-share': s === null ? '' : s.toFixed(1) });
        row.appendChild(cell('instance', instance.instance));
        const calls = el('td', { class: 'chart' });
        calls.appendChild(spark(series((x) => {
          const i = findInstance(x, client.client, instance.instance);
          return i && i.callsPerSecond;
        }), 'a'));
        row.appendChild(calls);
        row.appendChild(cell('callsPerSecond', fixed(instance.callsPerSecond, 0)));
        row.appendChild(cell('share', s === null ? '–' : s.toFixed(0) + ' %'));
        row.appendChild(cell('successRate', fixed(100 * instance.successRate, 1) + ' %'));
        row.appendChild(cell('latencyMs', fixed(instance.latencyMs, 1) + ' ms'));
        row.appendChild(cell('p99Ms', instance.p99Ms === null ? '–' : fixed(instance.p99Ms, 0) + ' ms'));
        const latency = el('td', { class: 'chart' });
        latency.appendChild(spark(series((x) => {
          const i = findInstance(x, client.client, instance.instance);
          return i && i.p99Ms;
        }), 'b'));
        row.appendChild(latency);
        row.appendChild(cell('inFlight', String(instance.inFlight)));
        const state = instance.ejected
          ? 'ejected, ' + Math.ceil(instance.ejectedForMs / 1000) + ' s more' : 'in rotation';
        row.appendChild(cell('state', state, { class: 'state ' + (instance.ejected ? 'ejected' : 'ok') }));
        body.appendChild(row);
      });
      table.appendChild(body);
      section.appendChild(table);
      box.appendChild(section);
    });
  }

  function findTopic(snapshot, topic) {
    return snapshot.topics.find((x) => x.topic === topic);
  }

  function renderEvents(latest) {
    const table = document.getElementById('topics');
    const body = table.querySelector('tbody');
    body.replaceChildren();
    table.hidden = latest.topics.length === 0;
    document.getElementById('no-topics').hidden = latest.topics.length > 0 || latest.outbox !== null;
    latest.topics.forEach((topic) => {
      const row = el('tr', { class: 'topic', 'data-topic': topic.topic });
      row.appendChild(cell('topic', topic.topic + ' (published)'));
      const chart = el('td', { class: 'chart' });
      chart.appendChild(spark(series((x) => {
        const t = findTopic(x, topic.topic);
        return t && t.publishedPerSecond;
      }), 'a'));
      row.appendChild(chart);
      row.appendChild(cell('publishedPerSecond', fixed(topic.publishedPerSecond, 0)));
      row.appendChild(cell('retries', ''));
      row.appendChild(cell('deadLettered', ''));
      row.appendChild(cell('lag', ''));
      row.appendChild(cell('publishFailures', String(topic.publishFailures)));
      body.appendChild(row);
      topic.groups.forEach((group) => {
        const g = el('tr', { class: 'group', 'data-topic': topic.topic, 'data-group': group.group });
        g.appendChild(cell('group', group.group + ' (handled)'));
        const handled = el('td', { class: 'chart' });
        handled.appendChild(spark(series((x) => {
          const t = findTopic(x, topic.topic);
          const found = t && t.groups.find((y) => y.group === group.group);
          return found && found.handledPerSecond;
        }), 'b'));
        g.appendChild(handled);
        g.appendChild(cell('handledPerSecond', fixed(group.handledPerSecond, 0)));
        g.appendChild(cell('retriesPerSecond', fixed(group.retriesPerSecond, 0)));
        g.appendChild(cell('deadLettered', String(group.deadLettered)));
        g.appendChild(cell('lag', fixed(group.lag, 0)));
        g.appendChild(cell('publishFailures', ''));
        body.appendChild(g);
      });
    });
    const outbox = document.getElementById('outbox');
    outbox.replaceChildren();
    if (latest.outbox) {
      outbox.appendChild(el('span', { 'data-field': 'outbox' }, 'Outbox: ' + fixed(latest.outbox.backlog, 0)
        + ' unsent, oldest ' + fixed(latest.outbox.oldestAgeMs, 0) + ' ms '));
      outbox.appendChild(spark(series((x) => x.outbox && x.outbox.backlog), 'b'));
    }
  }

  function render() {
    if (history.length === 0) {
      return;
    }
    const latest = history[history.length - 1];
    renderClients(latest);
    renderEvents(latest);
  }

  function status(state, text) {
    const node = document.getElementById('status');
    node.setAttribute('data-state', state);
    node.textContent = text;
  }

  async function poll() {
    try {
      const response = await fetch('snapshots?after=' + lastSeq, { cache: 'no-store' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const answer = await response.json();
      document.getElementById('service').textContent = answer.service;
      document.title = answer.service + ' · microkit console';
      capacity = answer.history;
      if (answer.snapshots.length > 0 && answer.snapshots[0].seq <= lastSeq) {
        history = [];
      }
      history = history.concat(answer.snapshots).slice(-capacity);
      if (history.length > 0) {
        lastSeq = history[history.length - 1].seq;
      }
      render();
      status('live', 'live · ' + new Date().toLocaleTimeString());
    }
    catch (ignored) {
      status('lost', 'no answer from the service · ' + new Date().toLocaleTimeString());
    }
    setTimeout(poll, 1000);
  }

  poll();
}());
