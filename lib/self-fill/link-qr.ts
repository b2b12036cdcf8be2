import "server-only";
import QRCode from "qrcode";

/** The link as a QR code, SVG markup made on the server (no third-party service ever sees the link). */
export async function linkQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
