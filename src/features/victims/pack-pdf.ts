import type { SafetyPack } from '../../domain/victims/index.ts';

export interface PackPdfOptions {
  /** Compress the page streams (the default). Tests turn it off to read the text. */
  readonly compress?: boolean;
}

const MARGIN = 56;

/**
 * Draws the safety information pack as an A4 PDF from the same model the printable page
 * uses (buildSafetyPack), so the two always say the same thing. A tagged PDF in British
 * English, with headings, paragraphs and lists marked as such for screen readers.
 * The PDF library is loaded on first use: most server processes never draw a pack, and
 * it would otherwise hold about 25 MB from start-up.
 */
export async function renderSafetyPackPdf(pack: SafetyPack, options: PackPdfOptions = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: pack.title, Subject: `Crime reference ${pack.caseReference}`, Author: 'Police', Creator: 'Vigil' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const document = doc.struct('Document');
  doc.addStructure(document);
  const block = (type: string, draw: () => void) => document.add(doc.struct(type, {}, draw));
  const paragraph = (text: string, font = 'Helvetica', size = 11) =>
    block('P', () => {
      doc.font(font).fontSize(size).fillColor('#0b0c0c').text(text, { width, paragraphGap: 6, lineGap: 2 });
    });
  const heading = (text: string, level: 'H1' | 'H2', size: number) =>
    block(level, () => {
      if (level === 'H2') doc.moveDown(0.6);
      doc.font('Helvetica-Bold').fontSize(size).fillColor('#0b0c0c').text(text, { width, paragraphGap: 6 });
    });

  paragraph(pack.marking, 'Helvetica', 9);
  heading(pack.title, 'H1', 24);
  paragraph(pack.introduction, 'Helvetica', 13);
  block('P', () => {
    const top = doc.y;
    doc.font('Helvetica-Bold').fontSize(13);
    const height = doc.heightOfString(`${pack.urgent.headline} ${pack.urgent.detail}`, { width: width - 24 }) + 16;
    doc.rect(MARGIN, top, width, height).fillAndStroke('#fdf2f2', '#d4351c');
    doc.fillColor('#0b0c0c').text(pack.urgent.headline, MARGIN + 12, top + 8, { width: width - 24, continued: true }).font('Helvetica').text(` ${pack.urgent.detail}`);
    doc.x = MARGIN;
    doc.y = top + height + 8;
  });

  for (const section of pack.sections) {
    heading(section.heading, 'H2', 16);
    for (const p of section.paragraphs) paragraph(p);
    if (section.list && section.list.length > 0) {
      block('L', () => {
        doc.font('Helvetica').fontSize(11).fillColor('#0b0c0c').list([...section.list!], { width: width - 16, bulletRadius: 2, textIndent: 12, paragraphGap: 3, lineGap: 2 });
        doc.x = MARGIN;
        doc.moveDown(0.4);
      });
    }
  }

  heading(pack.servicesHeading, 'H2', 16);
  paragraph(pack.servicesIntroduction);
  for (const service of pack.services) {
    block('P', () => {
      doc.font('Helvetica-Bold').fontSize(11).fillColor('#0b0c0c').text(service.name, { width });
      doc.font('Helvetica').text(service.description, { width });
      doc.font('Helvetica-Bold').text(service.contact, { width, paragraphGap: 8 });
    });
  }
  if (pack.footer) paragraph(pack.footer, 'Helvetica', 9);

  document.end();
  doc.end();
  return done;
}
