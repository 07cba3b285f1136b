// Reads the mutation probe: [mutation count, URL, title, animation timeline time] (count -1 when it is not installed).
globalThis.__navProbe ? globalThis.__navProbe() : [-1, location.href, document.title, document.timeline ? document.timeline.currentTime : null]
