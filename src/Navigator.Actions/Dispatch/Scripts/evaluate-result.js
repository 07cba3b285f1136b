// The value of an evaluate action as JSON text for the agent, within a size limit.
// Called with `this` = the value (an object or array: primitives are returned by CDP directly)
// and the largest JSON length allowed. Returns {status: 'ok', json, type},
// {status: 'too_large', length} or {status: 'not_serializable', reason}.
function evaluateResult(maxChars) {
  const describeNode = (node) => (node.nodeType === 1 ? `[element ${describeElement(node)}]` : `[${node.nodeName.toLowerCase()}]`);

  // JSON has no place for these: give the agent something readable instead of {} or an error.
  const replace = (key, value) => {
    if (typeof value === 'bigint') return value.toString();
    if (value === window) return '[Window]';
    if (value instanceof Node) return describeNode(value);
    if (value instanceof Map) return Object.fromEntries(value);
    if (value instanceof Set) return [...value];
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    return value;
  };

  let json;
  try {
    json = JSON.stringify(this, replace);
  } catch (error) {
    return { status: 'not_serializable', reason: String((error && error.message) || error) };
  }

  const type = Array.isArray(this) ? 'array' : this instanceof Node ? 'node' : typeof this;
  if (json === undefined) return { status: 'ok', json: 'null', type };
  if (json.length > maxChars) return { status: 'too_large', length: json.length };
  return { status: 'ok', json, type };
}
