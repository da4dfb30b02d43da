// The error of every failed API call: HTTP status, the API's stable code and its Chinese message.

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Builds the error from a failed response, whatever its body holds. */
export async function errorFromResponse(response: Response): Promise<ApiRequestError> {
  let code = `HTTP_${response.status}`;
  let message = `请求失败（HTTP ${response.status}）`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string' && body.error.message) message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page): keep the generic message.
  }
  if (response.status === 401 && code === `HTTP_401`) code = 'UNAUTHORIZED';
  return new ApiRequestError(response.status, code, message);
}

/** A user-facing sentence for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof DOMException && error.name === 'AbortError') return '已停止';
  if (error instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return error instanceof Error && error.message ? error.message : '发生未知错误';
}
