// Code passed to page.evaluate()/worker.evaluate() runs in the extension, where `chrome` exists.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;
