// The analysis views for the editor webview: each render function takes a container, its data and callbacks,
// and returns { update(data), dispose() }. Import './analysis.css' once (index does it) with the app's styles.
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import './analysis.css';

export { renderDashboard, type DashboardData, type DashboardOptions, type DashboardRun } from './dashboard';
export { renderAccuracyTable, type AccuracyTableData, type AccuracyTableOptions } from './accuracyTableView';
export { renderAccuracyBars, type AccuracyBarsData, type AccuracyBarsOptions } from './accuracyBars';
export { renderMarginHistogram, type MarginHistogramData } from './marginHistogram';
export { renderReliability, type ReliabilityData } from './reliabilityChart';
export { renderEpsilonControl, type EpsilonControlData, type EpsilonControlOptions } from './epsilonControl';
export { renderComparison, type ComparisonData, type ComparisonOptions } from './comparisonView';
export { renderMarginScatter, type MarginScatterData, type MarginScatterOptions } from './marginScatter';
export { renderSweep, type SweepData, type SweepOptions } from './sweepView';
export { scatterPoints, epsilonSliderRange, histogramRange } from './chartMath';
export type { ExportRequest, ExportFormat, ViewHandle } from './view';
