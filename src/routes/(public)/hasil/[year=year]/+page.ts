// Results pages are plain documents: server-rendered, no JavaScript to download on a cheap phone.
export const csr = false;
