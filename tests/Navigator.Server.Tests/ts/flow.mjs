// Drives Navigator with the official MCP TypeScript client, over stdio or Streamable HTTP.
//   node ts/flow.mjs stdio <navigator-executable> <page-url>
//   node ts/flow.mjs http <mcp-endpoint-url> <page-url>
// Prints one JSON line describing what it saw; exits 1 on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, target, pageUrl] = process.argv.slice(2);
if (!mode || !target || !pageUrl) {
  console.error("usage: flow.mjs stdio|http <navigator|endpoint> <page-url>");
  process.exit(2);
}

const transport = mode === "stdio"
  ? new StdioClientTransport({ command: target, args: ["mcp"], stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "navigator-ts-test", version: "1.0.0" });

// The client checks structuredContent against each tool's outputSchema by itself (callTool throws when it does not match).
// Text is for the model: plain, no JSON. Errors are text only: "Error <code>: <message>".
const escapes = [];
function parse(result) {
  const text = result.content.find((c) => c.type === "text")?.text ?? "";
  if (text.trimStart().startsWith("{") || text.includes("\\u00") || text.includes('\\"')) escapes.push(text.slice(0, 200));
  if (result.isError === true) {
    const match = /^Error (\S+): /.exec(text);
    return { isError: true, text, body: { error_code: match?.[1] ?? null, structured: result.structuredContent !== undefined } };
  }
  return { isError: false, text, body: result.structuredContent };
}

const room = `ts-${mode}-${process.pid}`;
const seen = {};
try {
  await client.connect(transport);
  seen.serverPid = transport.pid ?? null;
  seen.server = client.getServerVersion()?.name;
  const tools = (await client.listTools()).tools;
  seen.tools = tools.map((t) => t.name).sort();
  seen.withoutOutputSchema = tools.filter((t) => t.outputSchema?.type !== "object").map((t) => t.name);

  const started = parse(await client.callTool({ name: "start_browser_session", arguments: { room_name: room, initial_url: pageUrl } }));
  seen.started = { isError: started.isError, status: started.body.status };

  const context = parse(await client.callTool({ name: "get_browser_context", arguments: { room_name: room, include_screenshot: true } }));
  seen.context = { isError: context.isError, title: context.body.title, url: context.body.url, textHasTitle: context.text.includes("Title: Search form") };
  const full = parse(await client.callTool({ name: "get_browser_context", arguments: { room_name: room, include_elements: true } }));
  const byName = (name) => full.body.elements.find((e) => e.name === name).index;
  parse(await client.callTool({ name: "execute_action", arguments: { room_name: room, action_type: "type", params: { index: byName("Query"), text: "from typescript" } } }));
  const clicked = parse(await client.callTool({ name: "execute_action", arguments: { room_name: room, action_type: "click", params: { index: byName("Search") } } }));
  seen.clicked = { isError: clicked.isError, title: clicked.body.title, navigated: clicked.body.navigated, text: clicked.text };
  const withImage = await client.callTool({ name: "get_browser_context", arguments: { room_name: room, include_screenshot: true } });
  seen.image = withImage.content.find((c) => c.type === "image")?.mimeType ?? null;

  const missing = parse(await client.callTool({ name: "get_browser_context", arguments: {} }));
  seen.missingRoom = { isError: missing.isError, code: missing.body.error_code };
  const unknown = parse(await client.callTool({ name: "close_browser_session", arguments: { room_name: "ts-nobody" } }));
  seen.unknownRoom = { isError: unknown.isError, code: unknown.body.error_code };

  const closed = parse(await client.callTool({ name: "close_browser_session", arguments: { room_name: room } }));
  seen.closed = { isError: closed.isError, status: closed.body.status };
  const after = parse(await client.callTool({ name: "get_browser_context", arguments: { room_name: room } }));
  seen.afterClose = { isError: after.isError, code: after.body.error_code, structured: after.body.structured };
  seen.escapes = escapes;
  console.log(JSON.stringify(seen));
  await client.close();
} catch (error) {
  console.error(error?.stack ?? String(error));
  console.log(JSON.stringify({ ...seen, failure: String(error) }));
  await client.close().catch(() => {});
  process.exit(1);
}
