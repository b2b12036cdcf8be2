/** The font stack the page uses (tailwind's sans), so the picture reads like the card. */
const FONT = `ui-sans-serif, system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif`;

/**
 * A number card as a PNG (data: URL), drawn on a canvas — the charts' PNG comes from ECharts, a
 * number card has no chart to ask. Title, the formatted value and the line under it, on white at
 * twice the size for sharp prints. Nothing is evaluated and nothing is loaded: CSP-clean.
 */
export function numberCardPng(params: { title: string; value: string; caption?: string; pixelRatio?: number }): string | null {
  const ratio = params.pixelRatio ?? 2;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  const pad = 24;
  ctx.font = `600 40px ${FONT}`;
  const valueWidth = ctx.measureText(params.value).width;
  ctx.font = `600 16px ${FONT}`;
  const titleWidth = ctx.measureText(params.title).width;
  ctx.font = `13px ${FONT}`;
  const captionWidth = params.caption ? ctx.measureText(params.caption).width : 0;
  const width = Math.ceil(Math.max(320, valueWidth, titleWidth, captionWidth) + pad * 2);
  const height = params.caption ? 150 : 128;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = "top";
  ctx.fillStyle = "#0f172a";
  ctx.font = `600 16px ${FONT}`;
  ctx.fillText(params.title, pad, pad);
  ctx.font = `600 40px ${FONT}`;
  ctx.fillText(params.value, pad, pad + 32);
  if (params.caption) {
    ctx.fillStyle = "#64748b";
    ctx.font = `13px ${FONT}`;
    ctx.fillText(params.caption, pad, pad + 84);
  }
  return canvas.toDataURL("image/png");
}
