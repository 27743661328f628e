import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas; HTTP schemas import `z` from here.
extendZodWithOpenApi(z);

export { z };
