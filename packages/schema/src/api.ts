// The wire format of the report-qa HTTP API, shared by the API (validation) and the web app (types).
import { z } from 'zod';

export const MAX_QUESTION_LENGTH = 2000;
export const MAX_TOP_K = 50;

export const administrativeLevelSchema = z.enum(['province', 'city', 'county', 'department']);

export const filtersSchema = z
  .object({
    region: z.union([z.string().trim().min(1).max(50), z.array(z.string().trim().min(1).max(50)).max(20)]).optional(),
    year: z.union([z.number().int().min(1949).max(2100), z.array(z.number().int().min(1949).max(2100)).max(20)]).optional(),
    level: administrativeLevelSchema.optional(),
    docId: z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(50)]).optional(),
  })
  .strict();
export type Filters = z.infer<typeof filtersSchema>;

const questionText = (field: string) =>
  z
    .string({ error: `${field}必须是字符串` })
    .trim()
    .min(1, { error: `${field}不能为空` })
    .max(MAX_QUESTION_LENGTH, { error: `${field}过长：最多 ${MAX_QUESTION_LENGTH} 个字符` });

export const searchRequestSchema = z.object({
  query: questionText('查询内容'),
  topK: z.number().int().min(1).max(MAX_TOP_K).optional(),
  filters: filtersSchema.optional(),
  mode: z.enum(['hybrid', 'vector', 'keyword']).optional(),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/** Where a passage comes from: its report and its place in the report's original text. */
const passageOriginSchema = z.object({
  chunkId: z.string(),
  docId: z.string(),
  /** The report's file name. */
  source: z.string(),
  title: z.string().nullable(),
  region: z.string().nullable(),
  year: z.number().nullable(),
  sectionPath: z.string(),
  /** Offsets into the report's decoded original text. */
  start: z.number(),
  end: z.number(),
});

export const searchResultSchema = passageOriginSchema.extend({
  text: z.string(),
  score: z.number(),
});
export type SearchResultWire = z.infer<typeof searchResultSchema>;

export const scopeSchema = z.object({
  filters: filtersSchema,
  inferred: z.object({ regions: z.array(z.string()), years: z.array(z.number()) }),
  missing: z.object({ regions: z.array(z.string()), years: z.array(z.number()) }),
});
export type Scope = z.infer<typeof scopeSchema>;

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  scope: scopeSchema,
  mode: z.enum(['hybrid', 'vector', 'keyword']),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const historyTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(20_000),
});
export type HistoryTurn = z.infer<typeof historyTurnSchema>;

export const askRequestSchema = z.object({
  question: questionText('问题'),
  history: z.array(historyTurnSchema).max(50).optional(),
  filters: filtersSchema.optional(),
  topK: z.number().int().min(1).max(20).optional(),
  mode: z.enum(['auto', 'extractive', 'llm']).optional(),
});
export type AskRequest = z.infer<typeof askRequestSchema>;

export const citationSchema = passageOriginSchema.extend({
  n: z.number().int().min(1),
  /** original.slice(start, end): exact text of the report. */
  quote: z.string(),
  /** Whether the report was uploaded rather than one of the library's own (set in every answer; absent in older logs). */
  upload: z.boolean().optional(),
  /** When the report was indexed, ISO (set in every answer; absent in older logs). */
  indexedAt: z.string().optional(),
});
export type Citation = z.infer<typeof citationSchema>;

export const askResponseSchema = z.object({
  /** The answer's id in the query log: rate it with POST /api/feedback. */
  id: z.string(),
  answer: z.string(),
  citations: z.array(citationSchema),
  notFound: z.boolean(),
  mode: z.enum(['extractive', 'llm']),
  /** The standalone question that was answered (after follow-up rewriting). */
  question: z.string(),
  scope: scopeSchema,
  /** Set when the LLM was asked for but the extractive answer was given instead. */
  fallback: z.object({ reason: z.string() }).nullable(),
  /** Figures in the answer that appear in no cited quote (LLM answers only). */
  unsupportedFigures: z.array(z.string()),
  timings: z.record(z.string(), z.number()),
});
export type AskResponse = z.infer<typeof askResponseSchema>;


export const ratingSchema = z.enum(['up', 'down'], { error: '评价只能是 up 或 down' });
export type Rating = z.infer<typeof ratingSchema>;

export const feedbackRequestSchema = z.object({
  answerId: z.string({ error: 'answerId 必须是字符串' }).trim().min(1, { error: 'answerId 不能为空' }).max(100),
  rating: ratingSchema,
  comment: z.string({ error: '评论必须是字符串' }).trim().max(1000, { error: '评论过长：最多 1000 个字符' }).optional(),
});
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export const feedbackResponseSchema = z.object({ answerId: z.string(), rating: ratingSchema, comment: z.string().nullable() });
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

export const answerChannelSchema = z.enum(['web', 'api', 'openai', 'wechat', 'wecom']);
export type AnswerChannel = z.infer<typeof answerChannelSchema>;

/** A day (2026-01-31) or an ISO date-time, as milliseconds since the epoch. */
const instant = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), { error: '时间格式应为 2026-01-31 或 ISO 日期时间' })
  .transform((value) => Date.parse(value));

/** Query string of GET /api/answers and /api/answers/export. */
export const answersQuerySchema = z.object({
  rating: ratingSchema.optional(),
  notFound: z.enum(['true', 'false'], { error: 'notFound 只能是 true 或 false' }).transform((value) => value === 'true').optional(),
  channel: answerChannelSchema.optional(),
  since: instant.optional(),
  until: instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AnswersQuery = z.input<typeof answersQuerySchema>;

export const loggedAnswerSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  channel: answerChannelSchema,
  question: z.string(),
  rewrittenQuestion: z.string(),
  history: z.array(historyTurnSchema),
  scope: scopeSchema.nullable(),
  mode: z.enum(['extractive', 'llm']),
  answer: z.string(),
  citations: z.array(citationSchema),
  notFound: z.boolean(),
  latencyMs: z.number(),
  rating: ratingSchema.nullable(),
  comment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});
export type LoggedAnswer = z.infer<typeof loggedAnswerSchema>;

export const answersPageSchema = z.object({
  answers: z.array(loggedAnswerSchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type AnswersPage = z.infer<typeof answersPageSchema>;

export const suggestionsRequestSchema = z.object({
  answerId: z.string({ error: 'answerId 必须是字符串' }).trim().min(1, { error: 'answerId 不能为空' }).max(100),
});
export type SuggestionsRequest = z.infer<typeof suggestionsRequestSchema>;

/** Next questions, each checked to have an answer in the library. */
export const suggestionsResponseSchema = z.object({ suggestions: z.array(z.string()) });
export type SuggestionsResponse = z.infer<typeof suggestionsResponseSchema>;

export const documentSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  region: z.string().nullable(),
  level: administrativeLevelSchema.nullable(),
  year: z.number().nullable(),
  issuer: z.string().nullable(),
  docNumber: z.string().nullable(),
  publishedAt: z.string().nullable(),
  signer: z.string().nullable(),
  passages: z.number(),
  indexedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const documentDetailSchema = documentSummarySchema.extend({ original: z.string() });
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

/** POST /api/documents: each file, added or already in the library with the same content. */
export const uploadResponseSchema = z.object({
  documents: z.array(z.object({ status: z.enum(['added', 'existing']), source: z.string(), document: documentSummarySchema })),
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** DELETE /api/documents/{id}. */
export const deletedDocumentSchema = z.object({ deleted: z.string() });
export type DeletedDocument = z.infer<typeof deletedDocumentSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  documents: z.number(),
  passages: z.number(),
  embeddings: z.object({ provider: z.enum(['local', 'openai', 'none']), model: z.string().nullable(), warning: z.string().nullable() }),
  llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
  warnings: z.array(z.string()),
  /** Answers in progress in this server process and the wait a new one would face; past maxWaitMs, 503. */
  queue: z
    .object({ inFlight: z.number(), estimatedWaitMs: z.number(), maxWaitMs: z.number(), shed: z.number(), completed: z.number() })
    .optional(),
});
export type Health = z.infer<typeof healthSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * Server-sent events of a streamed /api/ask, in order: citations, meta, delta…, done (or error). `replace` may come
 * before done: the text shown so far is withdrawn (an LLM answer that broke off or failed its checks); the deltas
 * after it are the fallback answer from its start, `notice` says why, `citations` are the fallback's.
 */
export const askStreamEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('meta'), data: z.object({ question: z.string(), scope: scopeSchema, mode: z.enum(['extractive', 'llm']) }) }),
  z.object({ event: z.literal('citations'), data: z.object({ citations: z.array(citationSchema) }) }),
  z.object({ event: z.literal('delta'), data: z.object({ text: z.string() }) }),
  z.object({ event: z.literal('replace'), data: z.object({ notice: z.string(), mode: z.enum(['extractive', 'llm']), citations: z.array(citationSchema) }) }),
  z.object({ event: z.literal('done'), data: askResponseSchema }),
  z.object({ event: z.literal('error'), data: apiErrorSchema }),
]);
export type AskStreamEvent = z.infer<typeof askStreamEventSchema>;
