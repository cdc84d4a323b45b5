/** View models of the dashboard, OPD, method and report pages: pure functions over results. */
export * from './rescore';
export * from './filters';
export * from './coverage';
export * from './bands';
export * from './heatmap';
export * from './yoy-view';
export * from './gaps';
export * from './method';
export * from './report';
export * from './dashboard';
export * from './opd-page';
export * from './agreement';
