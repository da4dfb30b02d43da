// Responses shared by the OpenAPI route definitions: every API error has one JSON body; files and streams have a media type.
import { z } from 'zod';
import { apiErrorSchema } from '@report-qa/schema';

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const errorResponse = (description: string) => jsonResponse(apiErrorSchema, description);

/** What a JSON-body route under the rate limit and the body limit may answer besides its own errors. */
export const jsonBodyErrors = {
  400: errorResponse('请求参数有误（VALIDATION_ERROR，issues 列出每一处）或不是有效的 JSON（INVALID_JSON）'),
  413: errorResponse('请求体过大'),
  415: errorResponse('请求体不是 JSON'),
  429: errorResponse('请求过于频繁'),
};

/**
 * A body that is not JSON: a file, lines or XML. The media type is typed as any string, so the route's handler may return
 * a Response it built (with application/x-ndjson, OpenAPIHono's types would ask for a JSON response).
 */
export const bodyResponse = (description: string, mediaType: string, schema: z.ZodType = z.string()) => ({
  description,
  content: { [mediaType]: { schema } },
});
