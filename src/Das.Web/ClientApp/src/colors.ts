// Distinct overlay colours, one per source in the order the start line lists them: a qualitative palette that
// reads on the dark sky, then hues spaced by the golden angle when there are more sources than colours.

const palette = ['#4fc3f7', '#ffb74d', '#81c784', '#f06292', '#ba68c8', '#fff176', '#4db6ac', '#ff8a65', '#9575cd', '#aed581', '#e57373', '#90a4ae'];

export function sourceColor(index: number): string {
  return palette[index] ?? `hsl(${Math.round((index * 137.508) % 360)}, 70%, 65%)`;
}
