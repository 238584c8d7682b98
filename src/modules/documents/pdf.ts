/**
 * A small layout layer over pdfkit for administrative documents: A4, margins of Decree 30/2020/NĐ-CP (top and bottom
 * 20 mm, left 30 mm, right 15 mm), DejaVu Serif embedded (a complete Unicode TrueType font, so every Vietnamese letter
 * survives), the two-column national header, tables whose header row repeats on each page, signature blocks and page
 * numbers. Output is deterministic: the creation date comes from the document's data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Issuer } from './documents.schema.ts';
import { t, vietnamDate, writtenDate } from './format.ts';

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
// DejaVu Serif is wider than the Times New Roman of the decree's 12–14 pt; 11 pt sets about as much per line.
const BODY_SIZE = 11;
const HEADER_SIZE = 11;
const TITLE_SIZE = 13;
const CELL_PADDING = 3;

// Tables use the condensed cut so that dates and codes fit narrow columns.
type FontStyle = 'regular' | 'bold' | 'italic' | 'condensed' | 'condensedBold';
const FONT_FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSerif',
  bold: 'DejaVuSerif-Bold',
  italic: 'DejaVuSerif-Italic',
  condensed: 'DejaVuSerifCondensed',
  condensedBold: 'DejaVuSerifCondensed-Bold',
};

let fontCache: Record<FontStyle, Buffer> | undefined;
function fonts(): Record<FontStyle, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    const load = (style: FontStyle) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[style]}.ttf`));
    const styles = Object.keys(FONT_FILES) as FontStyle[];
    fontCache = Object.fromEntries(styles.map((style) => [style, load(style)])) as Record<FontStyle, Buffer>;
  }
  return fontCache;
}

export const upper = (text: string) => text.toLocaleUpperCase('vi');

export interface Column {
  header: string;
  /** Share of the text width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'center' | 'right';
}

export interface LineOptions {
  style?: FontStyle;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Extra left indent, in points. */
  indent?: number;
  /** Space after the paragraph, in points. */
  gap?: number;
}

export interface SignatureBlock {
  title: string;
  hint: string;
  name: string;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly #result: Promise<Buffer>;

  constructor(options: { title: string; author: string; createdAt: string; landscape?: boolean }) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margins: MARGINS,
      bufferPages: true,
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: options.title,
        Author: options.author,
        Creator: 'motcua',
        Producer: 'motcua',
        CreationDate: new Date(options.createdAt),
      },
    });
    for (const [style, data] of Object.entries(fonts())) this.doc.registerFont(style, data);
    const chunks: Buffer[] = [];
    this.#result = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.font('regular', BODY_SIZE);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get #maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  font(style: FontStyle, size: number): this {
    this.doc.font(style).fontSize(size);
    return this;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.#maxY) this.doc.addPage();
  }

  /**
   * Left: the parent agency in capitals over the issuing agency in bold capitals, a short rule, the number. Right: the
   * national name and motto with a rule as long as the motto, then `{place}, ngày … tháng … năm …` in italics.
   */
  nationalHeader(issuer: Issuer, issuedAt: string, number?: string): void {
    const { doc } = this;
    const top = doc.y;
    const gutter = 8;
    const leftWidth = this.width * 0.42;
    const rightX = this.left + leftWidth + gutter;
    const rightWidth = this.width - leftWidth - gutter;
    const centred = (width: number) => ({ width, align: 'center' as const });

    if (issuer.parentAgency) {
      this.font('regular', HEADER_SIZE);
      doc.text(upper(issuer.parentAgency), this.left, top, centred(leftWidth));
    }
    this.font('bold', HEADER_SIZE);
    doc.text(upper(issuer.agency), this.left, issuer.parentAgency ? doc.y : top, centred(leftWidth));
    const leftRuleY = doc.y + 2;
    this.#rule(this.left + leftWidth / 2, leftRuleY, Math.min(leftWidth / 3, 70));

    const nation = upper(t('documents.header.nation'));
    doc.font('bold').fontSize(this.#fit(nation, 'bold', HEADER_SIZE, rightWidth));
    doc.text(nation, rightX, top, centred(rightWidth));
    const motto = t('documents.header.motto');
    this.font('bold', HEADER_SIZE + 1);
    doc.text(motto, rightX, doc.y, centred(rightWidth));
    const rightRuleY = doc.y + 2;
    this.#rule(rightX + rightWidth / 2, rightRuleY, doc.widthOfString(motto));

    const datelineY = Math.max(leftRuleY, rightRuleY) + 8;
    if (number) {
      this.font('regular', HEADER_SIZE);
      doc.text(t('documents.header.number', { number }), this.left, datelineY, centred(leftWidth));
    }
    const leftBottom = number ? doc.y : datelineY;
    this.font('italic', HEADER_SIZE);
    const dateline = t('documents.header.placeDate', { place: issuer.place, date: writtenDate(vietnamDate(issuedAt)) });
    doc.text(dateline, rightX, datelineY, centred(rightWidth));
    doc.x = this.left;
    doc.y = Math.max(leftBottom, doc.y) + 20;
    this.font('regular', BODY_SIZE);
  }

  title(text: string): void {
    this.font('bold', TITLE_SIZE);
    this.doc.text(upper(text), this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.moveDown(0.6);
    this.font('regular', BODY_SIZE);
  }

  line(text: string, options: LineOptions = {}): void {
    const indent = options.indent ?? 0;
    this.font(options.style ?? 'regular', options.size ?? BODY_SIZE);
    this.doc.text(text, this.left + indent, this.doc.y, {
      width: this.width - indent,
      align: options.align ?? 'left',
      lineGap: 2,
    });
    this.doc.y += options.gap ?? 3;
    this.font('regular', BODY_SIZE);
  }

  /** A ruled table; rows that do not fit go to the next page, under a repeated header row. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], size = 9.5): void {
    const { doc } = this;
    const widths = columns.map((column) => column.share * this.width);
    const headers = columns.map((column) => column.header);
    const rowHeight = (cells: readonly string[], style: FontStyle) => {
      this.font(style, size);
      const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * CELL_PADDING }));
      return Math.max(...heights) + 2 * CELL_PADDING;
    };
    const drawRow = (cells: readonly string[], style: FontStyle, height: number, y: number) => {
      this.font(style, size);
      let x = this.left;
      cells.forEach((cell, i) => {
        const width = widths[i] ?? 0;
        doc.rect(x, y, width, height).lineWidth(0.5).stroke();
        const align = style === 'condensedBold' ? 'center' : (columns[i]?.align ?? 'left');
        doc.text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, align });
        x += width;
      });
      return y + height;
    };

    const headerHeight = rowHeight(headers, 'condensedBold');
    this.ensureSpace(headerHeight + (rows[0] ? rowHeight(rows[0], 'condensed') : 0));
    let y = drawRow(headers, 'condensedBold', headerHeight, doc.y);
    for (const row of rows) {
      const height = rowHeight(row, 'condensed');
      if (y + height > this.#maxY) {
        doc.addPage();
        y = drawRow(headers, 'condensedBold', headerHeight, doc.page.margins.top);
      }
      y = drawRow(row, 'condensed', height, y);
    }
    doc.x = this.left;
    doc.y = y + 8;
    this.font('regular', BODY_SIZE);
  }

  /** Signature blocks side by side; a single block stands on the right half, as on administrative documents. */
  signatures(blocks: readonly SignatureBlock[]): void {
    const { doc } = this;
    this.ensureSpace(120);
    const top = doc.y + 6;
    const width = blocks.length === 1 ? this.width / 2 : this.width / blocks.length;
    blocks.forEach((block, i) => {
      const x = blocks.length === 1 ? this.left + this.width / 2 : this.left + i * width;
      this.font('bold', BODY_SIZE);
      doc.text(upper(block.title), x, top, { width, align: 'center' });
      this.font('italic', BODY_SIZE - 1);
      doc.text(block.hint, x, doc.y, { width, align: 'center' });
      this.font('bold', BODY_SIZE);
      doc.text(block.name, x, doc.y + 60, { width, align: 'center' });
    });
    doc.x = this.left;
    this.font('regular', BODY_SIZE);
  }

  /** Numbers the pages (`Trang 1/2`) when there is more than one, then ends the document. */
  finish(): Promise<Buffer> {
    const { doc } = this;
    const { start, count } = doc.bufferedPageRange();
    if (count > 1) {
      for (let page = 0; page < count; page++) {
        doc.switchToPage(start + page);
        const bottom = doc.page.margins.bottom;
        // Writing inside the bottom margin would otherwise make pdfkit start a new page.
        doc.page.margins.bottom = 0;
        this.font('regular', 9);
        doc.text(t('documents.pageNumber', { page: page + 1, total: count }), this.left, doc.page.height - bottom / 2, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
        doc.page.margins.bottom = bottom;
      }
    }
    doc.end();
    return this.#result;
  }

  #fit(text: string, style: FontStyle, size: number, width: number): number {
    this.doc.font(style).fontSize(size);
    const natural = this.doc.widthOfString(text);
    return natural <= width ? size : Math.floor(((size * width) / natural) * 10) / 10;
  }

  #rule(centreX: number, y: number, length: number): void {
    this.doc
      .moveTo(centreX - length / 2, y)
      .lineTo(centreX + length / 2, y)
      .lineWidth(0.7)
      .stroke();
  }
}
