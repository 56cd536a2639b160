// The training page: polls /demon/api/pipelines and each pipeline's details every 2 s and
// draws them with uPlot. window.demonPage exposes the charts (their data is what uPlot was given).
(function () {
    'use strict';

    const REFRESH_MILLIS = 2000;
    const COLORS = { beta: '#0969da', eta: '#e16f24', train: '#8250df', validation: '#1a7f37', speed: '#bf3989' };
    const main = document.getElementById('pipelines');
    const sections = {};
    const page = { charts: {}, summaries: {}, refreshes: 0 };
    window.demonPage = page;
    page.status = name => page.summaries[name] ? page.summaries[name].status : undefined;

    function number(value, digits) {
        return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
    }

    function duration(seconds) {
        if (seconds === null || seconds === undefined) {
            return '–';
        }
        const s = Math.round(seconds);
        const pad = n => String(n).padStart(2, '0');
        return Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
    }

    function element(tag, className, parent) {
        const e = document.createElement(tag);
        if (className) {
            e.className = className;
        }
        parent.appendChild(e);
        return e;
    }

    function integerAxis(label) {
        return {
            label: label,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000, 1000000],
            values: (u, splits) => splits.map(v => Number.isInteger(v) ? v.toLocaleString('en') : '')
        };
    }

    // The updates done, shaded and ended by a dashed line: where the run is on the β and η curves.
    function nowLine(section) {
        return u => {
            const done = section.summary ? section.summary.updatesDone : 0;
            if (!done || done >= section.summary.totalUpdates) {
                return;
            }
            const x = Math.round(u.valToPos(done, 'x', true));
            const ctx = u.ctx;
            ctx.save();
            ctx.fillStyle = 'rgba(9, 105, 218, 0.06)';
            ctx.fillRect(u.bbox.left, u.bbox.top, x - u.bbox.left, u.bbox.height);
            ctx.strokeStyle = '#6e7781';
            ctx.setLineDash([5, 4]);
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
        };
    }

    function epochRange(section) {
        return (u, min, max) => [0.8, Math.max(section.summary ? section.summary.epochs : 1, max || 1) + 0.2];
    }

    function epochChart(section, title, yLabel, series) {
        return {
            title: title,
            height: 220,
            scales: { x: { time: false, range: epochRange(section) } },
            axes: [integerAxis('epoch'), { label: yLabel, size: 60 }],
            series: [{ label: 'epoch' }].concat(series.map(s => ({
                label: s.label, stroke: s.color, width: 2, points: { show: true, size: 7, fill: s.color },
                value: (u, v) => number(v, s.digits)
            })))
        };
    }

    function chartOptions(section) {
        return {
            updates: {
                title: 'βₜ and ηₜ per update',
                height: 260,
                scales: { x: { time: false }, beta: { range: [0, 1] }, eta: { range: (u, min, max) => [0, (max || 1) * 1.5] } },
                axes: [integerAxis('update t'),
                    { scale: 'beta', label: 'βₜ (momentum)', stroke: COLORS.beta, size: 60 },
                    { scale: 'eta', label: 'ηₜ (learning rate)', side: 1, stroke: COLORS.eta, size: 70, grid: { show: false } }],
                series: [{ label: 'update' },
                    { label: 'βₜ', scale: 'beta', stroke: COLORS.beta, width: 2, value: (u, v) => number(v, 4) },
                    { label: 'ηₜ', scale: 'eta', stroke: COLORS.eta, width: 2, value: (u, v) => v === null ? '–' : Number(v).toPrecision(3) }],
                hooks: { draw: [nowLine(section)] }
            },
            loss: epochChart(section, 'Loss per epoch', 'loss', [
                { label: 'training', color: COLORS.train, digits: 4 },
                { label: 'validation', color: COLORS.validation, digits: 4 }]),
            accuracy: epochChart(section, 'Accuracy per epoch', 'accuracy', [
                { label: 'training', color: COLORS.train, digits: 4 },
                { label: 'validation', color: COLORS.validation, digits: 4 }]),
            speed: epochChart(section, 'Samples per second', 'samples/s', [
                { label: 'samples/s', color: COLORS.speed, digits: 0 }])
        };
    }

    function section(name) {
        if (sections[name]) {
            return sections[name];
        }
        const root = element('section', 'pipeline', main);
        root.id = 'pipeline-' + name;
        const title = element('h2', null, root);
        const s = { root: root, name: name, charts: {}, holders: {} };
        s.title = element('span', null, title);
        s.title.textContent = name;
        s.status = element('span', 'status', title);
        s.facts = element('div', 'facts', root);
        s.bar = element('div', null, element('div', 'progress', root));
        s.models = element('table', 'trials models', root);
        s.notRun = element('p', 'empty', root);
        s.notRun.textContent = 'Not trained yet: no run in this application and no report.json.';
        const charts = element('div', 'charts', root);
        s.chartsBox = charts;
        s.holders.updates = element('div', 'chart wide', charts);
        s.holders.loss = element('div', 'chart', charts);
        s.holders.accuracy = element('div', 'chart', charts);
        s.holders.speed = element('div', 'chart', charts);
        s.options = chartOptions(s);
        sections[name] = s;
        page.charts[name] = s.charts;
        return s;
    }

    // Text nodes only: names come from the application (a schedule's name()), never parsed as HTML.
    function fact(label, value) {
        const span = document.createElement('span');
        span.appendChild(document.createTextNode(label + ' '));
        element('b', null, span).textContent = value;
        return span;
    }

    // Shared with sweep-page.js, loaded after this script.
    page.element = element;
    page.fact = fact;

    function render(details) {
        const summary = details.summary;
        const s = section(summary.pipeline);
        s.summary = summary;
        page.summaries[summary.pipeline] = summary;
        s.status.textContent = summary.status.replace('_', ' ');
        s.status.className = 'status ' + summary.status;
        const facts = [
            fact('epoch', summary.epochs ? summary.epoch + ' / ' + summary.epochs : '–'),
            fact('updates', summary.updatesDone.toLocaleString('en') + ' of T = ' + summary.totalUpdates.toLocaleString('en')),
            fact('time left', duration(summary.secondsLeft)),
            fact('β', number(summary.momentum, 4)),
            fact('η', summary.learningRate === null ? '–' : Number(summary.learningRate).toPrecision(3)),
            fact('training loss', number(summary.trainLoss, 4)),
            fact('optimizer', summary.optimizer || '–'),
            fact('schedule', summary.schedule || '–')];
        s.facts.replaceChildren(...facts);
        s.bar.style.width = (summary.totalUpdates ? 100 * summary.updatesDone / summary.totalUpdates : 0) + '%';
        models(s, details.models || []);
        const notRun = summary.status === 'NOT_STARTED';
        s.notRun.style.display = notRun ? '' : 'none';
        s.facts.style.display = notRun ? 'none' : '';
        s.bar.parentNode.style.display = notRun ? 'none' : '';
        s.chartsBox.style.display = notRun ? 'none' : '';
        if (notRun) {
            return;
        }
        const h = details.history;
        draw(s, 'updates', [details.updates.update, details.updates.momentum, details.updates.learningRate]);
        draw(s, 'loss', [h.map(e => e.epoch), h.map(e => e.trainLoss), h.map(e => e.validationLoss)]);
        draw(s, 'accuracy', [h.map(e => e.epoch), h.map(e => e.trainAccuracy), h.map(e => e.validationAccuracy)]);
        draw(s, 'speed', [h.map(e => e.epoch), h.map(e => e.samplesPerSecond)]);
    }

    // The model versions: the champion served, former champions, rejected challengers.
    function models(s, versions) {
        s.models.style.display = versions.length === 0 ? 'none' : '';
        const row = (cell, texts) => {
            const tr = document.createElement('tr');
            texts.forEach(text => element(cell, null, tr).textContent = text);
            return tr;
        };
        const rows = versions.map(v => {
            const tr = row('td', [v.version + (v.served ? ' (served)' : ''), v.promoted ? 'promoted' : 'rejected',
                number(v.score, 4), number(v.championScore, 4), v.epoch === null ? '–' : String(v.epoch), v.reason]);
            tr.className = 'model' + (v.served ? ' served' : '') + (v.promoted ? '' : ' rejected');
            return tr;
        });
        s.models.replaceChildren(row('th', ['model version', 'decision', 'score', 'champion\'s score', 'epoch', 'why']),
            ...rows);
    }

    function draw(s, key, data) {
        const holder = s.holders[key];
        const width = Math.max(200, holder.clientWidth);
        if (!s.charts[key]) {
            s.charts[key] = new uPlot(Object.assign({ width: width }, s.options[key]), data, holder);
        }
        else {
            s.charts[key].setData(data);
        }
    }

    async function json(url) {
        const response = await fetch(url, { cache: 'no-store' });
        if (!response.ok) {
            throw new Error(url + ': HTTP ' + response.status);
        }
        return response.json();
    }

    async function refresh() {
        try {
            const pipelines = await json('/demon/api/pipelines');
            const loading = document.getElementById('loading');
            if (loading) {
                loading.textContent = pipelines.length === 0 ? 'No training pipeline in this application.' : '';
                loading.style.display = pipelines.length === 0 ? '' : 'none';
            }
            for (const p of pipelines) {
                render(await json('/demon/api/pipelines/' + encodeURIComponent(p.pipeline)));
            }
            page.refreshes++;
        }
        catch (e) {
            console.warn('Demon training page: ' + e.message);
        }
        setTimeout(refresh, REFRESH_MILLIS);
    }

    window.addEventListener('resize', () => Object.values(sections).forEach(s =>
        Object.keys(s.charts).forEach(key => s.charts[key].setSize({
            width: Math.max(200, s.holders[key].clientWidth), height: s.options[key].height }))));

    refresh();
})();
