// `npm run docs:errors`: writes docs/errors.md from the registries of error codes (scripts/errors-doc.ts).
import { writeFileSync } from 'node:fs';
import { ERRORS_DOC_PATH, renderErrorsDoc } from './errors-doc.js';

writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
process.stdout.write(`wrote ${ERRORS_DOC_PATH}\n`);
