/** The text colour that reads best on a background colour (#rgb or #rrggbb): near-black or white. */
export function textColourOn(hex: string): '#0b1020' | '#ffffff' {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const channel = (i: number) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white vs against near-black (luminance ~0.006): pick the larger.
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.056) ? '#ffffff' : '#0b1020';
}
