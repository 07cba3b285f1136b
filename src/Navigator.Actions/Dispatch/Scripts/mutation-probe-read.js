// Reads the mutation probe: [mutation count, URL, title] (count -1 when it is not installed).
globalThis.__navProbe ? globalThis.__navProbe() : [-1, location.href, document.title]
