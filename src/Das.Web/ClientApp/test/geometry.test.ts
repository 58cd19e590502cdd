import { describe, expect, it } from 'vitest';
import { fieldCorners } from '../src/geometry';

const rad = Math.PI / 180;

/** Great-circle distance in degrees (haversine). */
function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const h = Math.sin(((dec2 - dec1) * rad) / 2) ** 2 + Math.cos(dec1 * rad) * Math.cos(dec2 * rad) * Math.sin(((ra2 - ra1) * rad) / 2) ** 2;
  return (2 * Math.asin(Math.sqrt(h))) / rad;
}

describe('fieldCorners', () => {
  it.each([[334.02, -7.8988, 2 / 60], [10.684708, 41.26875, 0.5], [0.001, 89.5, 0.3], [180, -60, 5]])(
    'puts every corner of a %s %s field of %s deg where the tangent plane says', (ra, dec, side) => {
      const corners = fieldCorners(ra, dec, side);
      expect(corners).toHaveLength(4);
      // A tangent-plane corner at (t, t), t = tan(side/2), lies atan(t·√2) from the centre.
      const expected = Math.atan(Math.SQRT2 * Math.tan((side / 2) * rad)) / rad;
      for (const [cra, cdec] of corners) {
        expect(separation(ra, dec, cra, cdec)).toBeCloseTo(expected, 9);
        expect(cra).toBeGreaterThanOrEqual(0);
        expect(cra).toBeLessThan(360);
      }
      // Opposite sides are equally long: the box is a square on the sky's tangent plane.
      const side01 = separation(...corners[0]!, ...corners[1]!);
      const side23 = separation(...corners[2]!, ...corners[3]!);
      const side12 = separation(...corners[1]!, ...corners[2]!);
      const side30 = separation(...corners[3]!, ...corners[0]!);
      expect(side12).toBeCloseTo(side30, 9);
      expect(Math.abs(side01 - side23)).toBeLessThan(side * 0.05);
    });
});
