import QRCode from 'qrcode';

/** Makes the PNG of a QR code for a text; injectable so tests can see what was encoded. */
export type QrGenerator = (text: string) => Promise<Buffer>;

export const qrPng: QrGenerator = (text) =>
  QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6 });

/** The public lookup page of a dossier: `{baseUrl}/track?code={dossierCode}`. */
export function trackingUrl(baseUrl: string, dossierCode: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/track?${new URLSearchParams({ code: dossierCode })}`;
}
