import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { safeParseReportingInput } from '../contract/validation.js';

// The marker fastify-type-provider-zod puts on each issue (`hasZodFastifySchemaValidationErrors`).
const ISSUE_MARKER = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validator, asking Zod to report each issue's input. Zod 4 leaves the
 * input out unless asked, and without it a wrong value ("2.5" for a whole number, "abc" for a number)
 * reads as a missing one: "Vui lòng nhập mục này." instead of "Giá trị không đúng kiểu". The errors
 * keep the library's shape, so its `hasZodFastifySchemaValidationErrors` and problem.ts read them.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => {
  const parser = { safeParse: (input: unknown, params?: { reportInput?: boolean }) => safeParse(schema, input, params) };
  return (data) => {
    const result = safeParseReportingInput(parser, data);
    if (!result.error) return { value: result.data };
    return {
      error: result.error.issues.map(({ path, code, message, ...params }) => ({
        [ISSUE_MARKER]: true,
        keyword: code,
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/${code}`,
        message,
        params,
      })) as never,
    };
  };
};
