// What a route answers when its OpenAPI schemas refuse a request: 400 VALIDATION_ERROR with every issue, in Chinese.
import type { z } from 'zod';
import { ApiError } from '../middleware/api-error.js';

type ValidationResult = { target: string } & ({ success: true } | { success: false; error: z.ZodError });

const targets: Partial<Record<string, { label: string; whole: string }>> = {
  json: { label: '请求参数有误', whole: '(body)' },
  query: { label: '查询参数有误', whole: '(query)' },
};

/** OpenAPIHono's defaultHook: the error is thrown, so app.onError answers it like every other error. */
export function validationHook(result: ValidationResult): undefined {
  if (result.success) return;
  const { label, whole } = targets[result.target] ?? { label: '请求参数有误', whole: `(${result.target})` };
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.') || whole, message: issue.message }));
  const first = issues[0];
  throw new ApiError(400, 'VALIDATION_ERROR', `${label}：${first ? `${first.path} ${first.message}` : '格式不正确'}`, issues);
}
