// Query strings through OpenAPIHono's validator, which gives a key that appears once as a string and one that repeats as a list.
import { z } from 'zod';

function eachKey<T extends z.ZodObject>(schema: T, reshape: (value: unknown) => unknown): T {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, z.preprocess(reshape, field as z.ZodType)]));
  // The output of every key is the one of the given schema, and so is the OpenAPI description (the preprocess step is not shown).
  return z.object(shape) as unknown as T;
}

/** Each key's first value, as c.req.query() gives them. */
export const firstValues = <T extends z.ZodObject>(schema: T): T => eachKey(schema, (value) => (Array.isArray(value) ? value[0] : value));

/** Each key's values as a list, as c.req.queries() gives them. */
export const allValues = <T extends z.ZodObject>(schema: T): T => eachKey(schema, (value) => (value === undefined || Array.isArray(value) ? value : [value]));
