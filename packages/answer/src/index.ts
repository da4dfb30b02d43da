// Public exports of @report-qa/answer.
export type * from './types.js';
export { AnswerError } from './answer-error.js';
export { createAnswerer } from './create-answerer.js';
export type { AnswererOptions } from './create-answerer.js';
export { extractFigures, figuresMissingFrom } from './extract-figures.js';
export { answerWithNote, fallbackNote, replaceNotice } from './fallback-notice.js';
export { isInstructionToReader } from './imperative-text.js';
export { rewriteFollowUp, isFollowUp } from './rewrite-follow-up.js';
export { notFoundPhrase } from './not-found-answer.js';
export { evaluateAnswers, isRefusal, type EvaluatedAnswerer, type ScoredAnswer } from './evaluate-answers.js';
export type { CitationViolation, Evaluation, EvaluateOptions, QuestionOutcome, TypeScore } from './evaluate-answers.js';
export { formatEvaluation } from './format-evaluation.js';
export { suggestQuestions, topicOf, type SuggestionDocument, type SuggestionInput } from './suggest-questions.js';
