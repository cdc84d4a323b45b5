// A page to print: nothing on it needs the browser's script, and without it the whole report
// (a province's matrix is thousands of rows) is not sent a second time as the page's data.
export const csr = false;
