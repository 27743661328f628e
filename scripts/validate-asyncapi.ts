// `npm run lint`: checks the AsyncAPI document the app serves (GET /asyncapi.json) with the rules of
// `asyncapi validate` (the CLI's own parser, in-process): errors and warnings fail, information is printed.
import { generateAsyncApiDocument } from '../src/adapters/http/asyncapi/asyncapi-document.js';
import { DEFAULT_EVENT_EXCHANGE } from '../src/config.js';
import { asyncApiDiagnostics } from './asyncapi-problems.js';

const { failing, all } = await asyncApiDiagnostics(generateAsyncApiDocument({ exchange: DEFAULT_EVENT_EXCHANGE }));
for (const d of all)
  process.stdout.write(`${d.severity <= 1 ? 'problem' : 'note'}: ${d.path.join('.')} ${d.message}\n`);
if (failing.length > 0) {
  process.stdout.write(`the AsyncAPI document has ${failing.length} error(s) or warning(s)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('the AsyncAPI document (GET /asyncapi.json) is valid\n');
}
