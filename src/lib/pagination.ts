export interface PageWindow {
	/** 1-based page number, clamped to the pages that exist */
	page: number;
	pages: number;
	start: number;
	end: number;
}

/** The slice of `total` items shown on a 1-based page (bad or out-of-range input → nearest page). */
export function pageWindow(total: number, pageSize: number, requested: string | null): PageWindow {
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const asked = Number.parseInt(requested ?? '1', 10);
	const page = Math.min(pages, Math.max(1, Number.isFinite(asked) ? asked : 1));
	const start = (page - 1) * pageSize;
	return { page, pages, start, end: Math.min(total, start + pageSize) };
}
