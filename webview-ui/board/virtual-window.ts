/**
 * Which cards of a column to draw: only those in (or near) the scrolled viewport, so a column of
 * thousands of deals costs as much as one of twenty. Card heights are known from their state
 * (a card showing an error is taller), never measured, so positions are exact without layout.
 */
export interface VirtualWindow {
  /** First and one-past-last index to draw. */
  start: number;
  end: number;
  /** Top of each drawn card, relative to the list, for index start..end-1. */
  tops: number[];
  /** Height of the whole list. */
  height: number;
}

export function virtualWindow(heights: readonly number[], scrollTop: number, viewport: number, overscan = 4): VirtualWindow {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  const height = offsets[heights.length]!;
  const first = Math.max(0, firstBelow(offsets, scrollTop) - overscan);
  let end = first;
  while (end < heights.length && offsets[end]! < scrollTop + viewport) end++;
  end = Math.min(heights.length, end + overscan);
  const tops: number[] = [];
  for (let i = first; i < end; i++) tops.push(offsets[i]!);
  return { start: first, end, tops, height };
}

/** Where card `index` starts, for scrolling it into view. */
export function topOf(heights: readonly number[], index: number): number {
  let top = 0;
  for (let i = 0; i < index && i < heights.length; i++) top += heights[i]!;
  return top;
}

/** The scrollTop that shows [top, top+height) with the least movement from `scrollTop`. */
export function scrollToShow(top: number, height: number, scrollTop: number, viewport: number): number {
  if (top < scrollTop) return top;
  if (top + height > scrollTop + viewport) return Math.max(0, top + height - viewport);
  return scrollTop;
}

/** Index of the card whose bottom is first below `y` (binary search over cumulative offsets). */
function firstBelow(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1]! <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}
