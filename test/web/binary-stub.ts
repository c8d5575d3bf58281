// The cover's WebAssembly and fonts are Worker module imports Node cannot load; the API document does not need them.
export default new ArrayBuffer(0);
