// Every public page is a plain document: server-rendered, links and forms work without JavaScript,
// so none is shipped (fast on a cheap phone). A public page that ever needs client code (a chart)
// sets `export const csr = true` itself.
export const csr = false;
