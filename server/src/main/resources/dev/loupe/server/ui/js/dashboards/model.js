/**
 * Reads a dashboard as the Dashboards API v2 returns it (Sumo's DashboardV2SyncDefinition fields): the 24-column
 * layout grid, panels with their parsed visual settings, variables and the default time range; and substitutes
 * `{{variables}}` into query text.
 */

/** Parses a JSON string leniently: visual settings and layout structures are JSON inside strings. */
export function parseJsonText(text, fallback = {}) {
  if (text === null || text === undefined || text === '') return fallback;
  if (typeof text === 'object') return text;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** The chart type of a panel: `general.type`, else the first override's, else line; text panels are 'text'. */
export function panelChartType(panel, settings) {
  if (panel.panelType === 'TextPanel') return 'text';
  const general = settings.general ?? {};
  if (general.type) return general.type;
  if (general.mode === 'honeyComb') return 'honeyComb';
  if (general.mode === 'singleValueMetrics') return 'svp';
  if (general.mode === 'map') return 'map';
  const override = (settings.overrides ?? []).find((candidate) => candidate.properties?.type);
  return override?.properties.type ?? 'line';
}

/** A dashboard's time range as `{from, to}` boundary strings (`-1d`, epoch millis, ISO); default last 24 h. */
export function dashboardRange(timeRange) {
  const boundary = (value, fallback) => {
    if (!value) return fallback;
    switch (value.type) {
      case 'RelativeTimeRangeBoundary': return value.relativeTime ?? fallback;
      case 'EpochTimeRangeBoundary': return String(value.epochMillis);
      case 'Iso8601TimeRangeBoundary': return value.iso8601Time ?? fallback;
      case 'LiteralTimeRangeBoundary': return value.rangeName === 'now' ? 'now' : fallback;
      default: return fallback;
    }
  };
  if (!timeRange) return { from: '-1d', to: 'now' };
  if (timeRange.type === 'CompleteLiteralTimeRange') {
    const literal = { today: '-1d', yesterday: '-2d', previous_week: '-7d', previous_month: '-30d' };
    return { from: literal[timeRange.rangeName] ?? '-1d', to: 'now' };
  }
  return { from: boundary(timeRange.from, '-1d'), to: boundary(timeRange.to, 'now') };
}

/**
 * The dashboard's parts: `{title, description, range, refreshInterval, variables, panels, rows}` with each
 * panel `{key, title, type, settings, queries, layout: {x, y, width, height}, text}` sorted in reading order.
 */
export function readDashboard(dashboard) {
  const layout = new Map();
  for (const structure of dashboard.layout?.layoutStructures ?? []) {
    layout.set(structure.key, parseJsonText(structure.structure, {}));
  }
  let nextY = 0;
  const panels = (dashboard.panels ?? []).map((panel) => {
    const settings = parseJsonText(panel.visualSettings, {});
    const place = layout.get(panel.key) ?? { x: 0, y: nextY, width: 12, height: 6 };
    nextY = Math.max(nextY, (place.y ?? 0) + (place.height ?? 6));
    return {
      key: panel.key,
      title: String(panel.title ?? '').replace(/^[\u200e\u200f\s]+/, ''),
      type: panelChartType(panel, settings),
      settings,
      queries: (panel.queries ?? []).filter((query) => query.queryString && !query.transient),
      text: panel.text ?? '',
      layout: { x: place.x ?? 0, y: place.y ?? 0, width: Math.max(1, place.width ?? 12),
        height: Math.max(1, place.height ?? 6) },
    };
  }).sort((left, right) => left.layout.y - right.layout.y || left.layout.x - right.layout.x);
  const variables = (dashboard.variables ?? []).filter((variable) => !variable.hideFromUI).map((variable) => ({
    name: variable.name,
    label: variable.displayName || variable.name,
    defaultValue: variable.defaultValue === null || variable.defaultValue === undefined || variable.defaultValue === ''
      ? '*' : String(variable.defaultValue),
    includeAll: variable.includeAllOption !== false,
    source: variable.sourceDefinition ?? {},
  }));
  const hidden = (dashboard.variables ?? []).filter((variable) => variable.hideFromUI);
  return {
    title: dashboard.title ?? dashboard.name ?? 'Dashboard',
    description: dashboard.description ?? '',
    range: dashboardRange(dashboard.timeRange),
    refreshInterval: Number(dashboard.refreshInterval ?? 0),
    variables,
    hiddenValues: Object.fromEntries(hidden.map((variable) => [variable.name, variable.defaultValue || '*'])),
    panels,
  };
}

/** Replaces every `{{name}}` of a known variable by its value (All is `*`); other `{{...}}` stay. */
export function substitute(text, values) {
  return String(text).replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (match, name) =>
    Object.hasOwn(values, name) ? (values[name] === '' ? '*' : values[name]) : match);
}

/** The variable names `text` refers to. */
export function referencedVariables(text) {
  return new Set([...String(text).matchAll(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g)].map((match) => match[1]));
}
