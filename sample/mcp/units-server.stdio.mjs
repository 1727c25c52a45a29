// The sample's second MCP server: a unit converter spoken to over stdio, started by the sample's
// ConduitMcpModule as a child process (`clients.units`, see units-server-path.ts). Plain
// JavaScript on purpose: node runs it as it is, from a Jest run on the TypeScript sources and from
// the compiled dist-sample/ alike, with no build step of its own. Written with the official SDK
// (`@modelcontextprotocol/server`); the input schema is plain JSON Schema (fromJsonSchema), so the
// file needs no package the project does not declare. Deterministic: same question, same answer.
import { McpServer, fromJsonSchema } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

/** Per unit: its dimension and how to go to and from the dimension's base unit. */
const UNITS = {
  km: { dimension: 'length', toBase: (v) => v * 1000, fromBase: (v) => v / 1000 },
  m: { dimension: 'length', toBase: (v) => v, fromBase: (v) => v },
  mi: { dimension: 'length', toBase: (v) => v * 1609.344, fromBase: (v) => v / 1609.344 },
  ft: { dimension: 'length', toBase: (v) => v * 0.3048, fromBase: (v) => v / 0.3048 },
  kg: { dimension: 'mass', toBase: (v) => v, fromBase: (v) => v },
  lb: { dimension: 'mass', toBase: (v) => v * 0.45359237, fromBase: (v) => v / 0.45359237 },
  C: { dimension: 'temperature', toBase: (v) => v, fromBase: (v) => v },
  F: { dimension: 'temperature', toBase: (v) => ((v - 32) * 5) / 9, fromBase: (v) => (v * 9) / 5 + 32 },
};
const unit = { type: 'string', enum: Object.keys(UNITS) };

const server = new McpServer({ name: 'units', version: '1.0.0' });
server.registerTool(
  'convert',
  {
    description: 'Converts a value between units of length (km, m, mi, ft), mass (kg, lb) or temperature (C, F)',
    inputSchema: fromJsonSchema({
      type: 'object',
      properties: { value: { type: 'number' }, from: unit, to: unit },
      required: ['value', 'from', 'to'],
      additionalProperties: false,
    }),
  },
  ({ value, from, to }) => {
    if (UNITS[from].dimension !== UNITS[to].dimension) {
      const text = `Cannot convert ${from} (${UNITS[from].dimension}) to ${to} (${UNITS[to].dimension})`;
      return { isError: true, content: [{ type: 'text', text }] };
    }
    // Rounded to 4 significant digits: a readable answer, the same on every machine.
    const result = Number(UNITS[to].fromBase(UNITS[from].toBase(value)).toPrecision(4));
    return { content: [{ type: 'text', text: `${value} ${from} = ${result} ${to}` }] };
  },
);
await server.connect(new StdioServerTransport());
