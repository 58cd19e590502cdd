// Sky geometry the page draws: pure functions, tested without a browser.

const deg = Math.PI / 180;

/** The corners of a square field of side `sideDeg` centred on (ra, dec), through the gnomonic (tangent) plane. */
export function fieldCorners(ra: number, dec: number, sideDeg: number): [number, number][] {
  const h = Math.tan((sideDeg / 2) * deg);
  const d0 = dec * deg;
  return [[-h, -h], [h, -h], [h, h], [-h, h]].map(([xi = 0, eta = 0]) => {
    const den = Math.cos(d0) - eta * Math.sin(d0);
    const a = ra * deg + Math.atan2(xi, den);
    const d = Math.atan2(Math.sin(d0) + eta * Math.cos(d0), Math.hypot(xi, den));
    return [((a / deg) % 360 + 360) % 360, d / deg];
  });
}
