// A line of text on a PDF page, with the geometry that paragraph joining and header detection need.

export interface PdfLine {
  text: string;
  /** Left edge, in PDF points. */
  x: number;
  /** Right edge, in PDF points. */
  right: number;
  /** Baseline; grows upwards as in PDF space. */
  y: number;
  /** Font size in points. */
  size: number;
}
