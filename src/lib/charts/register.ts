/**
 * Chart.js with only what the dashboard draws (bars and lines on category/linear axes), so the
 * chunk stays small. Imported dynamically by Chart.svelte: pages without charts never load it.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
);
// Instant drawing: cheap phones, print and screenshots all get the final chart at once.
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';

export { Chart };
