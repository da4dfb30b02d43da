// Errors thrown while turning an uploaded file into report text; each carries a stable code and a message for users.

export type FormatErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'UNSAFE_FILE'
  | 'PDF_NO_TEXT'
  | 'FILE_TOO_LARGE'
  | 'EMPTY_INPUT'
  | 'UNREADABLE_FILE'
  | 'FILE_ENCRYPTED'
  | 'TEXT_TOO_LONG'
  | 'EXTRACTION_LIMIT';

/** Base class of every error of @report-qa/formats: `code` is stable, `userMessage` is Chinese and safe to show. */
export class FormatError extends Error {
  override name = 'FormatError';
  readonly code: FormatErrorCode;
  readonly userMessage: string;

  constructor(code: FormatErrorCode, message: string, userMessage: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.userMessage = userMessage;
  }
}

/** The bytes are not a text, Markdown, HTML, DOCX or PDF file (executables, images, archives, other binaries). */
export class UnsupportedFormatError extends FormatError {
  override name = 'UnsupportedFormatError';
  /** What the bytes were recognised as, e.g. 'executable', 'image', 'zip', 'binary'. */
  readonly detected: string;

  constructor(detected: string, userMessage?: string, options?: { cause?: unknown }) {
    super(
      'UNSUPPORTED_FORMAT',
      `Unsupported file format (${detected})`,
      userMessage ?? '不支持的文件格式，请上传 TXT、Markdown、HTML、DOCX 或 PDF 文件',
      options,
    );
    this.detected = detected;
  }
}

/** The archive would expand to far more than it should (zip bomb) or has too many entries. */
export class UnsafeFileError extends FormatError {
  override name = 'UnsafeFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('UNSAFE_FILE', message, '文件结构异常（解压后过大或条目过多），已拒绝处理', options);
  }
}

/** A PDF whose pages carry no text (a scan): it needs OCR first. */
export class NoTextLayerError extends FormatError {
  override name = 'NoTextLayerError';

  constructor(pages: number, options?: { cause?: unknown }) {
    super('PDF_NO_TEXT', `PDF has no text layer (${pages} pages)`, '该PDF没有文字层，请先进行文字识别', options);
  }
}

/** The upload is larger than the configured limit. */
export class FileTooLargeError extends FormatError {
  override name = 'FileTooLargeError';
  readonly size: number;
  readonly maxBytes: number;

  constructor(size: number, maxBytes: number) {
    super(
      'FILE_TOO_LARGE',
      `File is ${size} bytes, over the limit of ${maxBytes} bytes`,
      `文件过大（${formatMegabytes(size)}），上限为 ${formatMegabytes(maxBytes)}`,
    );
    this.size = size;
    this.maxBytes = maxBytes;
  }
}

/** The file is empty, or holds no text once extracted. */
export class EmptyFileError extends FormatError {
  override name = 'EmptyFileError';

  constructor(message = 'File is empty') {
    super('EMPTY_INPUT', message, '文件为空或没有可读取的文字');
  }
}

/** The file claims a known format but is damaged or cannot be read. */
export class UnreadableFileError extends FormatError {
  override name = 'UnreadableFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('UNREADABLE_FILE', message, '文件已损坏或无法读取，请检查后重新上传', options);
  }
}

/** The file is password protected. */
export class EncryptedFileError extends FormatError {
  override name = 'EncryptedFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('FILE_ENCRYPTED', message, '文件已加密，请解除密码保护后重新上传', options);
  }
}

/** The extracted text is longer than any report should be (a parse bomb: a small file that expands to millions of characters). */
export class TextTooLongError extends FormatError {
  override name = 'TextTooLongError';
  readonly characters: number;
  readonly maxCharacters: number;

  constructor(characters: number, maxCharacters: number) {
    super(
      'TEXT_TOO_LONG',
      `Extracted text has ${characters} characters, over the limit of ${maxCharacters}`,
      `文件中的文字过多（${formatCharacters(characters)}），超过每份报告 ${formatCharacters(maxCharacters)}的上限，已拒绝处理；` +
        '请确认这是一份报告，过长的文件请拆分后分别上传',
    );
    this.characters = characters;
    this.maxCharacters = maxCharacters;
  }
}

/** Extraction ran past its time or memory limit and was stopped (a file built to exhaust the parser). */
export class ExtractionLimitError extends FormatError {
  override name = 'ExtractionLimitError';
  readonly limit: 'time' | 'memory';

  constructor(limit: 'time' | 'memory', amount: number, options?: { cause?: unknown }) {
    super(
      'EXTRACTION_LIMIT',
      limit === 'time' ? `Extraction did not finish within ${amount} ms` : `Extraction needed more than ${amount} MB of memory`,
      (limit === 'time' ? `文件解析超过 ${Math.round(amount / 100) / 10} 秒仍未完成` : `文件解析所需内存超过 ${amount} MB 的上限`) +
        '，已停止处理（文件可能结构异常或经过特殊构造）；请检查文件，或另存为 TXT 后重新上传',
      options,
    );
    this.limit = limit;
  }
}

function formatCharacters(count: number): string {
  return count >= 10_000 ? `约 ${Math.round(count / 1000) / 10} 万字` : `${count} 字`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
