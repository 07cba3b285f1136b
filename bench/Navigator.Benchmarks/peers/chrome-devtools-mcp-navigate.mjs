// Drives chrome-devtools-mcp's navigate_page through the official MCP TypeScript client, so the
// state benchmark can time it beside Navigator's navigate action in the same run.
// Usage: node chrome-devtools-mcp-navigate.mjs <chromium path>
// Then one URL per stdin line; each answers one stdout line: {"ms": <tool call time>, "ok": true|false, "text": "..."}.
// The first line printed is {"ready": true} once the server is connected and its browser is up.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const chromium = process.argv[2] ?? '/usr/bin/chromium';
const server = fileURLToPath(new URL('./node_modules/chrome-devtools-mcp/build/src/bin/chrome-devtools-mcp.js', import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [
    server,
    '--headless', '--isolated', '--executablePath', chromium,
    '--viewport', '1280x720', '--no-page-id-routing',
    '--no-usage-statistics', '--no-performance-crux',
    // The same switches Navigator's launcher needs as root on this machine.
    '--chromeArg=--no-sandbox', '--chromeArg=--disable-gpu',
    '--chromeArg=--disable-background-networking', '--chromeArg=--disable-component-update',
  ],
  env: { ...process.env, CHROME_DEVTOOLS_MCP_NO_USAGE_STATISTICS: '1' },
  stderr: 'ignore',
});
const client = new Client({ name: 'navigator-bench', version: '1.0.0' });
await client.connect(transport);
// Launches its browser, so the timed calls measure navigation only.
await client.callTool({ name: 'list_pages', arguments: {} });
console.log(JSON.stringify({ ready: true }));

for await (const line of createInterface({ input: process.stdin })) {
  const url = line.trim();
  if (!url) continue;
  const start = performance.now();
  const result = await client.callTool({ name: 'navigate_page', arguments: { type: 'url', url } });
  const ms = performance.now() - start;
  const text = (result.content ?? []).map(c => c.text ?? '').join('\n');
  console.log(JSON.stringify({ ms, ok: !result.isError, text: text.slice(0, 200) }));
}

await client.close();
