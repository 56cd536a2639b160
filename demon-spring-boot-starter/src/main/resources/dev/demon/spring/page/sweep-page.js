// The sweeps on the training page: polls /demon/api/sweeps and each sweep's details every 2 s, and
// draws each sweep's trials table and, for two swept numeric parameters, its heatmap as an SVG grid
// (the paper's sensitivity figures). window.demonSweeps exposes the details each drawing was given.
(function () {
    'use strict';

    const REFRESH_MILLIS = 2000;
    const SVG = 'http://www.w3.org/2000/svg';
    // Viridis, from worst (dark purple) to best (yellow).
    const SCALE = ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#fde725'];
    const root = document.getElementById('sweeps');
    const sections = {};
    const sweeps = { details: {}, refreshes: 0 };
    window.demonSweeps = sweeps;
    // The pipelines' script's helpers: elements, and facts as text nodes only (names and parameter
    // values come from the application's configuration, never parsed as HTML).
    const element = window.demonPage.element;
    const fact = window.demonPage.fact;

    function svg(tag, attributes, parent) {
        const e = document.createElementNS(SVG, tag);
        Object.entries(attributes).forEach(([name, value]) => e.setAttribute(name, value));
        parent.appendChild(e);
        return e;
    }

    function figure(value) {
        return value === null || value === undefined ? '–' : Number(value).toPrecision(4);
    }

    function section(name) {
        if (sections[name]) {
            return sections[name];
        }
        const s = { root: element('section', 'pipeline sweep', root) };
        s.root.id = 'sweep-' + name;
        const title = element('h2', null, s.root);
        element('span', null, title).textContent = name;
        s.counts = element('span', 'counts', title);
        s.facts = element('div', 'facts', s.root);
        s.empty = element('p', 'empty', s.root);
        s.empty.textContent = 'Not run yet: no trial in the JobRepository.';
        s.body = element('div', 'sweep-body', s.root);
        s.heatmap = element('div', 'heatmap', s.body);
        const table = element('table', 'trials', element('div', 'trials-box', s.body));
        s.head = element('tr', null, element('thead', null, table));
        s.rows = element('tbody', null, table);
        sections[name] = s;
        return s;
    }

    function render(details) {
        const summary = details.summary;
        const s = section(summary.sweep);
        sweeps.details[summary.sweep] = details;
        s.counts.replaceChildren(...Object.entries(summary.trials).map(([status, count]) => {
            const chip = document.createElement('span');
            chip.className = 'status ' + status;
            chip.textContent = count + ' ' + status;
            return chip;
        }));
        s.facts.replaceChildren(fact('pipeline', summary.pipeline), fact('search', summary.search),
            fact('objective', summary.objective + ' (' + summary.direction + ')'),
            fact('trials', String(details.trials.length)));
        const notRun = details.trials.length === 0;
        s.empty.style.display = notRun ? '' : 'none';
        s.body.style.display = notRun ? 'none' : '';
        if (!notRun) {
            table(s, details);
            heatmap(s.heatmap, details.heatmap, summary);
        }
    }

    function table(s, details) {
        const names = [];
        details.trials.forEach(t => Object.keys(t.parameters).forEach(n => names.includes(n) || names.push(n)));
        s.head.replaceChildren(...['trial', 'status', 'epoch', 'objective', 'best', 'attempts'].concat(names)
            .map(label => {
                const th = document.createElement('th');
                th.textContent = label;
                return th;
            }));
        s.rows.replaceChildren(...details.trials.map(t => {
            const tr = document.createElement('tr');
            tr.dataset.trial = t.trial;
            element('td', null, tr).textContent = t.trial;
            const status = element('span', 'status ' + t.status, element('td', null, tr));
            status.textContent = t.status;
            [String(t.epoch), figure(t.objective), figure(t.bestObjective), String(t.attempts)]
                .forEach(text => element('td', 'number', tr).textContent = text);
            names.forEach(n => element('td', 'number', tr).textContent = n in t.parameters ? t.parameters[n] : '–');
            return tr;
        }));
    }

    // Where a value falls on the scale between the worst and the best cell: the best end is the lowest
    // loss or the highest accuracy.
    function shade(value, worst, best) {
        const t = best === worst ? 1 : (value - worst) / (best - worst);
        return Math.min(SCALE.length - 1, Math.max(0, Math.round(t * (SCALE.length - 1))));
    }

    function heatmap(holder, map, summary) {
        holder.replaceChildren();
        if (!map) {
            return;
        }
        const cellWidth = 76;
        const cellHeight = 40;
        const left = 110;
        const top = 44;
        const bottom = 56;
        const titleText = 'mean of the trials\' best ' + summary.objective + ' (' + (summary.direction === 'minimize'
            ? 'lowest' : 'highest') + ' is best)';
        // Wide enough for the title however few the columns: at most 7 px a character in its 12 px bold face.
        const width = Math.max(left + cellWidth * map.xValues.length + 20, 8 + 7 * titleText.length);
        const height = top + cellHeight * map.yValues.length + bottom;
        const picture = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
            class: 'heatmap-grid', role: 'img' }, holder);
        const title = svg('text', { x: 4, y: 18, class: 'heatmap-title' }, picture);
        title.textContent = titleText;
        const values = map.cells.flat().filter(v => v !== null);
        const minimize = summary.direction === 'minimize';
        const best = minimize ? Math.min(...values) : Math.max(...values);
        const worst = minimize ? Math.max(...values) : Math.min(...values);
        let bestCell = null;
        map.cells.forEach((row, yi) => {
            // The largest y value at the top, as on a plot's axis.
            const y = top + cellHeight * (map.yValues.length - 1 - yi);
            row.forEach((value, xi) => {
                const x = left + cellWidth * xi;
                const level = value === null ? null : shade(value, worst, best);
                const rect = svg('rect', { x: x, y: y, width: cellWidth - 2, height: cellHeight - 2,
                    class: 'cell', fill: level === null ? '#e6e8eb' : SCALE[level],
                    'data-x': map.xValues[xi], 'data-y': map.yValues[yi] }, picture);
                if (value !== null) {
                    rect.setAttribute('data-value', value);
                }
                // Dark text on the light half of the scale, white on the dark half.
                const ink = level === null ? '#6e7781' : (level >= SCALE.length / 2 ? '#1f2328' : '#ffffff');
                const label = svg('text', { x: x + (cellWidth - 2) / 2, y: y + (cellHeight - 2) / 2 + 4,
                    class: 'cell-value', 'text-anchor': 'middle', fill: ink }, picture);
                label.textContent = figure(value);
                if (value !== null && value === best && bestCell === null) {
                    bestCell = { x: x, y: y };
                    rect.classList.add('best');
                }
            });
        });
        if (bestCell) {
            svg('rect', { x: bestCell.x - 2, y: bestCell.y - 2, width: cellWidth + 2, height: cellHeight + 2,
                class: 'best-outline', fill: 'none', stroke: '#cf222e', 'stroke-width': 3 }, picture);
        }
        map.xValues.forEach((value, xi) => {
            const tick = svg('text', { x: left + cellWidth * xi + (cellWidth - 2) / 2, y: top + cellHeight
                * map.yValues.length + 14, 'text-anchor': 'middle', class: 'tick' }, picture);
            tick.textContent = value;
        });
        map.yValues.forEach((value, yi) => {
            const tick = svg('text', { x: left - 8, y: top + cellHeight * (map.yValues.length - 1 - yi)
                + cellHeight / 2 + 3, 'text-anchor': 'end', class: 'tick' }, picture);
            tick.textContent = value;
        });
        const xLabel = svg('text', { x: left + cellWidth * map.xValues.length / 2, y: height - 12,
            'text-anchor': 'middle', class: 'axis-label' }, picture);
        xLabel.textContent = map.x;
        const yLabel = svg('text', { x: 14, y: top + cellHeight * map.yValues.length / 2, 'text-anchor': 'middle',
            class: 'axis-label', transform: 'rotate(-90 14 ' + (top + cellHeight * map.yValues.length / 2) + ')' },
            picture);
        yLabel.textContent = map.y;
    }

    async function json(url) {
        const response = await fetch(url, { cache: 'no-store' });
        if (!response.ok) {
            const error = new Error(url + ': HTTP ' + response.status);
            error.status = response.status;
            error.url = url;
            throw error;
        }
        return response.json();
    }

    async function refresh() {
        try {
            const list = await json('/demon/api/sweeps');
            root.hidden = list.length === 0;
            for (const sweep of list) {
                render(await json('/demon/api/sweeps/' + encodeURIComponent(sweep.sweep)));
            }
            sweeps.refreshes++;
        }
        catch (e) {
            // 404: an application without a JobRepository has no sweeps.
            if (e.status === 404 && e.url === '/demon/api/sweeps') {
                root.hidden = true;
                return;
            }
            console.warn('Demon training page: ' + e.message);
        }
        setTimeout(refresh, REFRESH_MILLIS);
    }

    refresh();
})();
