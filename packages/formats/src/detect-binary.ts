// Recognises files that are certainly not report text (executables, images, media, archives, old Office) by their first bytes.

export type BinaryKind = 'executable' | 'image' | 'media' | 'archive' | 'legacy-office' | 'rtf' | 'binary';

interface Signature {
  kind: BinaryKind;
  bytes: readonly number[];
  offset?: number;
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

// Magic numbers from the file formats' specifications; a text report never starts with these.
const signatures: readonly Signature[] = [
  { kind: 'executable', bytes: ascii('MZ') },
  { kind: 'executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'executable', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { kind: 'executable', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { kind: 'executable', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { kind: 'executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { kind: 'executable', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { kind: 'executable', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { kind: 'image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'image', bytes: ascii('GIF87a') },
  { kind: 'image', bytes: ascii('GIF89a') },
  { kind: 'image', bytes: ascii('WEBP'), offset: 8 },
  { kind: 'image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { kind: 'media', bytes: ascii('ftyp'), offset: 4 },
  { kind: 'media', bytes: ascii('RIFF') },
  { kind: 'media', bytes: ascii('OggS') },
  { kind: 'media', bytes: ascii('fLaC') },
  { kind: 'media', bytes: ascii('ID3') },
  { kind: 'media', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { kind: 'archive', bytes: ascii('Rar!\x1a\x07') },
  { kind: 'archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'archive', bytes: [0x1f, 0x8b] },
  { kind: 'archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { kind: 'archive', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { kind: 'archive', bytes: ascii('BZh') },
  { kind: 'archive', bytes: ascii('ustar'), offset: 257 },
  { kind: 'legacy-office', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'rtf', bytes: ascii('{\\rtf') },
];

/** The kind of binary file the bytes start like, or null when they may be text. */
export function detectBinary(bytes: Uint8Array): BinaryKind | null {
  for (const signature of signatures) {
    if (startsWith(bytes, signature.bytes, signature.offset ?? 0)) return signature.kind;
  }
  return looksBinary(bytes) ? 'binary' : null;
}

/** True when the bytes start with `prefix` at `offset`. */
export function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, index) => bytes[offset + index] === byte);
}

// Text in any encoding we accept (UTF-8, GBK/GB18030) never contains NUL and rarely other C0 controls.
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls += 1;
  }
  return controls > sample.length * 0.01;
}
